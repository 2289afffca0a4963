package io.balsamexporter.balsam;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a failed request is repeated: exponential backoff with "equal jitter"
 * (each delay between half and all of its nominal value), so exporters restarted together do not
 * hit a recovering server in step.
 *
 * @param maxAttempts attempts in all, the first one included
 * @param initialDelay the nominal delay before the first retry
 * @param maxDelay the cap on the nominal delay
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + maxAttempts);
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "retry delays must satisfy 0 <= initial <= max, got " + initialDelay + ", " + maxDelay);
    }
  }

  /** {@code retries} repeats after the first attempt, with the default delays. */
  public static RetryPolicy withRetries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be at least 0, got " + retries);
    }
    return new RetryPolicy(retries + 1, DEFAULT_INITIAL_DELAY, DEFAULT_MAX_DELAY);
  }

  /**
   * Only failures that may go away by themselves are retried: a wrong request, a refused token or a
   * malformed body will be the same the next time.
   */
  public static boolean isRetried(Kind kind) {
    return kind == Kind.UNREACHABLE || kind == Kind.SERVER_ERROR;
  }

  /** The nominal delay before retry number {@code retry} (1 is the first retry). */
  public Duration nominalDelay(int retry) {
    Duration delay = initialDelay;
    // Bounded by the cap: doubling stops as soon as it reaches maxDelay.
    for (int i = 1; i < retry && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** The jittered delay for a uniform {@code random} in [0, 1). */
  public Duration delay(int retry, double random) {
    Duration nominal = nominalDelay(retry);
    double fraction = 0.5 + 0.5 * Math.min(Math.max(random, 0.0), 1.0);
    return Duration.ofNanos(Math.round(nominal.toNanos() * fraction));
  }
}

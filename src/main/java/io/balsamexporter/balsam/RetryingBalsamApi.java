package io.balsamexporter.balsam;

import io.balsamexporter.log.LogLine;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repeats a listing that failed for a reason that may pass (Balsam unreachable or answering 5xx),
 * with backoff between attempts. A decorator, so the HTTP client stays free of retry loops and
 * tests can wrap any {@link BalsamApi}.
 */
public final class RetryingBalsamApi implements BalsamApi {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingBalsamApi.class);

  private final BalsamApi delegate;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final RequestObserver observer;

  public RetryingBalsamApi(
      BalsamApi delegate,
      RetryPolicy policy,
      Sleeper sleeper,
      DoubleSupplier random,
      RequestObserver observer) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.random = Objects.requireNonNull(random, "random");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  public RetryingBalsamApi(
      BalsamApi delegate, RetryPolicy policy, Sleeper sleeper, DoubleSupplier random) {
    this(delegate, policy, sleeper, random, RequestObserver.NONE);
  }

  public RetryingBalsamApi(BalsamApi delegate, RetryPolicy policy, RequestObserver observer) {
    this(delegate, policy, Sleeper.REAL, () -> ThreadLocalRandom.current().nextDouble(), observer);
  }

  public RetryingBalsamApi(BalsamApi delegate, RetryPolicy policy) {
    this(delegate, policy, RequestObserver.NONE);
  }

  @FunctionalInterface
  private interface Call<T> {
    T run() throws BalsamException;
  }

  @Override
  public Page<Site> sites(Query query) throws BalsamException {
    return withRetries(Listing.SITES, () -> delegate.sites(query));
  }

  @Override
  public Page<App> apps(Query query) throws BalsamException {
    return withRetries(Listing.APPS, () -> delegate.apps(query));
  }

  @Override
  public Page<Job> jobs(Query query) throws BalsamException {
    return withRetries(Listing.JOBS, () -> delegate.jobs(query));
  }

  @Override
  public Page<BatchJob> batchJobs(Query query) throws BalsamException {
    return withRetries(Listing.BATCH_JOBS, () -> delegate.batchJobs(query));
  }

  @Override
  public Page<Event> events(Query query) throws BalsamException {
    return withRetries(Listing.EVENTS, () -> delegate.events(query));
  }

  @Override
  public Optional<Instant> tokenExpiry() {
    return delegate.tokenExpiry();
  }

  private <T> T withRetries(Listing listing, Call<T> call) throws BalsamException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (BalsamException e) {
        if (!RetryPolicy.isRetried(e.kind()) || attempt >= policy.maxAttempts()) {
          throw attempt == 1 ? e : afterAttempts(e, attempt);
        }
        Duration delay = policy.delay(attempt, random.getAsDouble());
        observer.retried(listing.path());
        // DEBUG only: at INFO an outage wrote these lines every poll; the poll loop logs it once.
        LOG.debug(
            "{}",
            LogLine.msg("Balsam request failed, retrying")
                .with("endpoint", listing.path())
                .with("kind", e.kind())
                .with("status", e.status())
                .with("attempt", attempt)
                .with("retry_in_ms", delay.toMillis()));
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw afterAttempts(e, attempt);
        }
      }
    }
  }

  private static BalsamException afterAttempts(BalsamException last, int attempts) {
    return new BalsamException(
        last.kind(),
        last.status(),
        last.getMessage() + " after " + attempts + (attempts == 1 ? " attempt" : " attempts"),
        last);
  }

  @Override
  public String toString() {
    return "RetryingBalsamApi[" + policy + ", " + delegate + "]";
  }
}

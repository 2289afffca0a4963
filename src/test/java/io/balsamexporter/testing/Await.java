package io.balsamexporter.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one wait of the tests for something a running system does (a process that says where it
 * listens, an exporter that turns ready, a fault that takes effect): checks every 20 ms, fails with
 * what it waited for once {@code patience} is spent. Never a wait for time itself to pass: that is
 * a clock the test controls.
 */
public final class Await {
  private static final Duration CHECK_EVERY = Duration.ofMillis(20);

  private Await() {}

  /** Returns once {@code condition} holds; an AssertionError naming {@code what} after that. */
  public static void until(String what, Duration patience, BooleanSupplier condition) {
    until(() -> what, patience, CHECK_EVERY, condition);
  }

  /** As above; {@code what} is asked at the failure, so it can say what was still missing. */
  public static void until(Supplier<String> what, Duration patience, BooleanSupplier condition) {
    until(what, patience, CHECK_EVERY, condition);
  }

  /**
   * As above, checking every {@code checkEvery}: for a check that costs the system under test real
   * work (a dozen Prometheus queries) while what it waits for changes only every second or so. A
   * patience already spent checks once.
   */
  public static void until(
      Supplier<String> what, Duration patience, Duration checkEvery, BooleanSupplier condition) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + patience + ": " + what.get());
      }
      pause(checkEvery);
    }
  }

  /** Sleeps between two checks; an interrupt fails the test. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

package io.balsamexporter.balsam;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the time spent reading a response body. {@code HttpRequest.timeout} stops at the headers,
 * so a server that stalls half-way through a 100,000-item page would block a poll forever; closing
 * the stream from another thread wakes the blocked read with an IOException.
 */
final class BodyDeadlines {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private BodyDeadlines() {}

  /** Closes {@code body} after {@code remaining} unless the returned deadline is cancelled. */
  static Deadline start(Closeable body, Duration remaining) {
    AtomicBoolean expired = new AtomicBoolean();
    long millis = Math.max(1, remaining.toMillis());
    ScheduledFuture<?> task =
        TIMER.schedule(
            () -> {
              expired.set(true);
              closeQuietly(body);
            },
            millis,
            TimeUnit.MILLISECONDS);
    return new Deadline(task, expired);
  }

  static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // The body is being abandoned; there is nothing left to report about it.
    }
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "balsam-body-deadline");
              thread.setDaemon(true);
              return thread;
            });
    // Almost every deadline is cancelled; do not keep thousands of dead tasks in the queue.
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  /** A scheduled close that the reader cancels when it is done in time. */
  record Deadline(ScheduledFuture<?> task, AtomicBoolean expired) {
    void cancel() {
      task.cancel(false);
    }

    boolean hasExpired() {
      return expired.get();
    }
  }
}

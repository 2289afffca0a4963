package io.balsamexporter.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When to poll: one poll at a time, each starting {@code interval} after the previous one started
 * (at once if it overran). Logs an outage once when it starts and once when it ends, not on every
 * failed poll.
 */
public final class PollLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

  /** Told of every finished poll. */
  @FunctionalInterface
  public interface Listener {
    void pollDone(PollResult result);
  }

  private final Poller poller;
  private final Duration interval;
  private final Listener listener;
  private final ScheduledExecutorService executor;
  private final Clock clock;
  private int failedInARow;
  private String lastFailureKind;

  public PollLoop(Poller poller, Duration interval, Clock clock, Listener listener) {
    this.poller = poller;
    this.interval = interval;
    this.clock = clock;
    this.listener = listener;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "balsam-poll");
              thread.setDaemon(true);
              return thread;
            });
  }

  public void start() {
    executor.execute(this::pollAndReschedule);
  }

  private void pollAndReschedule() {
    long started = clock.millis();
    try {
      boolean wasSynced = poller.synced();
      PollResult result = poller.pollOnce();
      report(result, wasSynced);
      listener.pollDone(result);
    } catch (RuntimeException e) {
      // A bug must not stop polling for good; it is logged with its stack once per poll.
      log.error("msg=\"poll failed unexpectedly\"", e);
    }
    long wait = Math.max(0, interval.toMillis() - (clock.millis() - started));
    if (!executor.isShutdown()) {
      executor.schedule(this::pollAndReschedule, wait, TimeUnit.MILLISECONDS);
    }
  }

  private void report(PollResult result, boolean wasSynced) {
    Optional<String> kind = result.failure().map(f -> f.kind().name().toLowerCase());
    if (kind.isEmpty()) {
      if (failedInARow > 0) {
        log.info("msg=\"Balsam reachable again\" failed_polls={}", failedInARow);
      }
      if (!wasSynced) {
        log.info(
            "msg=\"first sync done, ready\" events={} duration={}s",
            result.counts().counted() + result.counts().late(),
            result.duration().toMillis() / 1000.0);
      }
      failedInARow = 0;
      lastFailureKind = null;
      return;
    }
    failedInARow++;
    if (!kind.get().equals(lastFailureKind)) {
      log.warn(
          "msg=\"Balsam poll failed\" kind={} error=\"{}\"",
          kind.get(),
          result.failure().get().getMessage());
      lastFailureKind = kind.get();
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

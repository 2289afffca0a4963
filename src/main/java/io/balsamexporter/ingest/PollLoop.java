package io.balsamexporter.ingest;

import io.balsamexporter.log.LogLine;
import java.time.Clock;
import java.time.Duration;
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
  private final OutageLog outages = new OutageLog();

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
      if (executor.isShutdown()) {
        // close() interrupted this poll: its failure says nothing about Balsam.
        return;
      }
      report(result, wasSynced);
      listener.pollDone(result);
    } catch (RuntimeException e) {
      // A bug must not stop polling for good; it is logged with its stack once per poll.
      log.error("{}", LogLine.msg("poll failed unexpectedly"), e);
    }
    long wait = Math.max(0, interval.toMillis() - (clock.millis() - started));
    if (!executor.isShutdown()) {
      executor.schedule(this::pollAndReschedule, wait, TimeUnit.MILLISECONDS);
    }
  }

  private void report(PollResult result, boolean wasSynced) {
    outages
        .lineFor(result, !wasSynced)
        .ifPresent(
            line -> {
              if (outages.failing()) {
                log.warn("{}", line);
              } else {
                log.info("{}", line);
              }
            });
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

package io.balsamexporter.ingest;

import io.balsamexporter.log.LogLine;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When to poll: one poll at a time, each starting {@code interval} after the previous one started
 * (at once if it overran, and then on the same interval again: missed polls are not made up in a
 * burst). The interval is kept on a monotonic clock, so a step of the wall clock (NTP, a VM
 * resumed) neither delays nor hurries a poll. Logs an outage once when it starts and once when it
 * ends, not on every failed poll.
 */
public final class PollLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PollLoop.class);

  /** Told of every finished poll. */
  @FunctionalInterface
  public interface Listener {
    void pollDone(PollResult result);
  }

  /** Runs the loop's steps: a thread of its own in production, by hand in tests. */
  interface Scheduler {
    void schedule(Runnable step, long delayNanos);

    boolean isShutdown();

    void shutdown();
  }

  private final Poller poller;
  private final long intervalNanos;
  private final Listener listener;
  private final Scheduler scheduler;
  private final LongSupplier nanoTime;
  private final OutageLog outages = new OutageLog();

  public PollLoop(Poller poller, Duration interval, Listener listener) {
    this(poller, interval, listener, new ThreadScheduler(), System::nanoTime);
  }

  PollLoop(
      Poller poller,
      Duration interval,
      Listener listener,
      Scheduler scheduler,
      LongSupplier nanoTime) {
    this.poller = poller;
    this.intervalNanos = interval.toNanos();
    this.listener = listener;
    this.scheduler = scheduler;
    this.nanoTime = nanoTime;
  }

  public void start() {
    scheduler.schedule(this::pollAndReschedule, 0);
  }

  private void pollAndReschedule() {
    long started = nanoTime.getAsLong();
    try {
      boolean wasSynced = poller.synced();
      PollResult result = poller.pollOnce();
      if (scheduler.isShutdown()) {
        // close() interrupted this poll: its failure says nothing about Balsam.
        return;
      }
      report(result, wasSynced);
      listener.pollDone(result);
    } catch (RuntimeException e) {
      // A bug must not stop polling for good; it is logged with its stack once per poll.
      log.error("{}", LogLine.msg("poll failed unexpectedly"), e);
    }
    long wait = Math.max(0, intervalNanos - (nanoTime.getAsLong() - started));
    if (!scheduler.isShutdown()) {
      scheduler.schedule(this::pollAndReschedule, wait);
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
    scheduler.shutdown();
  }

  /** One daemon thread; {@link #shutdown()} interrupts a poll in progress and waits for it. */
  private static final class ThreadScheduler implements Scheduler {
    private final ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "balsam-poll");
              thread.setDaemon(true);
              return thread;
            });

    @Override
    public void schedule(Runnable step, long delayNanos) {
      executor.schedule(step, delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isShutdown() {
      return executor.isShutdown();
    }

    @Override
    public void shutdown() {
      executor.shutdownNow();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

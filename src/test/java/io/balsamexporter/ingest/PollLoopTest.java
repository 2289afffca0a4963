package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.testing.LogCapture;
import io.balsamexporter.testing.SimHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class PollLoopTest {
  private static final Duration INTERVAL = Duration.ofSeconds(15);

  @AutoClose private final SimHarness balsam = SimHarness.withDevFixtures();
  private final CountDownLatch requestSent = new CountDownLatch(1);
  private final List<PollResult> reported = new CopyOnWriteArrayList<>();
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  // How long the next poll takes on the monotonic clock, and what the wall clock does meanwhile.
  private final Queue<Duration> pollTakes = new ArrayDeque<>();
  private Duration wallClockStep = Duration.ZERO;

  /**
   * The simulator's client: tells {@link #requestSent} when a poll makes its first request, and
   * moves the clocks on at the first request of each poll as {@link #pollTakes} says.
   */
  private BalsamApi watchedClient() {
    BalsamApi client = balsam.client(10_000, RequestObserver.NONE);
    return (BalsamApi)
        Proxy.newProxyInstance(
            BalsamApi.class.getClassLoader(),
            new Class<?>[] {BalsamApi.class},
            (proxy, method, args) -> {
              requestSent.countDown();
              if (method.getName().equals("sites") && !pollTakes.isEmpty()) {
                nanos.addAndGet(pollTakes.remove().toNanos());
                balsam.clock.advance(wallClockStep);
              }
              try {
                return method.invoke(client, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private Poller poller() {
    return new Poller(
            watchedClient(),
            new IngestSettings(10_000, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock)
        .subscribe(new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50).domain());
  }

  /** Runs the loop's steps when the test says, and remembers the delay each was given. */
  private static final class ManualScheduler implements PollLoop.Scheduler {
    final List<Duration> delays = new ArrayList<>();
    private final Queue<Runnable> due = new ArrayDeque<>();
    private boolean shutdown;

    @Override
    public void schedule(Runnable step, long delayNanos) {
      delays.add(Duration.ofNanos(delayNanos));
      due.add(step);
    }

    void runNext() {
      due.remove().run();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }
  }

  private PollLoop loop(ManualScheduler scheduler) {
    return new PollLoop(poller(), INTERVAL, reported::add, scheduler, nanos::get);
  }

  @Test
  void theNextPollStartsOneIntervalAfterTheLastOneStarted() {
    ManualScheduler scheduler = new ManualScheduler();
    PollLoop loop = loop(scheduler);
    pollTakes.add(Duration.ofSeconds(2));
    pollTakes.add(Duration.ofMillis(500));

    loop.start();
    scheduler.runNext();
    scheduler.runNext();

    assertThat(scheduler.delays)
        .containsExactly(Duration.ZERO, Duration.ofSeconds(13), Duration.ofMillis(14_500));
    assertThat(reported).hasSize(2).allMatch(PollResult::ok);
  }

  @Test
  void aPollThatOverranIsFollowedAtOnceByOneAndThenTheIntervalAgainNotABurst() {
    ManualScheduler scheduler = new ManualScheduler();
    PollLoop loop = loop(scheduler);
    pollTakes.add(Duration.ofSeconds(50));
    pollTakes.add(Duration.ofSeconds(1));
    pollTakes.add(Duration.ofSeconds(1));

    loop.start();
    scheduler.runNext();
    scheduler.runNext();
    scheduler.runNext();

    // 50 s span three intervals; only one poll follows at once, then the rhythm is back.
    assertThat(scheduler.delays)
        .containsExactly(
            Duration.ZERO, Duration.ZERO, Duration.ofSeconds(14), Duration.ofSeconds(14));
  }

  @Test
  void aStepOfTheWallClockChangesNoInterval() {
    ManualScheduler scheduler = new ManualScheduler();
    PollLoop loop = loop(scheduler);
    pollTakes.add(Duration.ofSeconds(2));
    pollTakes.add(Duration.ofSeconds(2));
    wallClockStep = Duration.ofHours(-1);

    loop.start();
    scheduler.runNext();
    wallClockStep = Duration.ofHours(3);
    scheduler.runNext();

    assertThat(scheduler.delays).endsWith(Duration.ofSeconds(13), Duration.ofSeconds(13));
  }

  @Test
  void aPollCutShortByClosingIsNeitherReportedNorLoggedAsAnOutage() throws Exception {
    balsam.simulator.faults().slow(Duration.ofSeconds(30));
    PollLoop loop = new PollLoop(poller(), INTERVAL, reported::add);

    String logged;
    try (LogCapture log = LogCapture.start()) {
      loop.start();
      assertThat(requestSent.await(10, TimeUnit.SECONDS)).isTrue();
      loop.close();
      logged = log.text();
    }

    assertThat(reported).isEmpty();
    assertThat(logged).doesNotContain("Balsam poll failed").doesNotContain("PollLoop");
  }
}

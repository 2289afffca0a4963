package io.balsamexporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Exporter;
import io.balsamexporter.sim.api.Faults;
import io.balsamexporter.sim.workload.Profile;
import io.balsamexporter.sim.workload.WorkloadGenerator;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A campaign played fast by the simulator's workload generator while faults strike at random and
 * the exporter polls every 200 ms; at the end, faults off, the exporter's counters, gauges and
 * histograms must equal a fresh exporter's and the simulator's totals, and its heap must have
 * stopped growing.
 *
 * <p>{@code -Dsoak.seconds=N} sets how long it runs (default 60); {@code -Dsoak.seed=S} replays a
 * run: the seed drives the workload and the faults, and every failure names it.
 */
class SoakTest {
  private static final Duration RUN = Duration.ofSeconds(Long.getLong("soak.seconds", 60L));

  /** Campaign time played per step, and the wall time between steps: 50 times real time. */
  private static final Duration STEP = Duration.ofSeconds(1);

  private static final Duration STEP_PAUSE = Duration.ofMillis(20);

  /** Heap may grow this much once no new data arrives: GC noise, not a leak. */
  private static final long HEAP_SLACK_BYTES = 8L << 20;

  private static final double HEAP_SLACK_RATIO = 0.10;

  /** A fault to strike for a while, then to be cleared by {@link Faults#reset()}. */
  private record Strike(String name, Consumer<Faults> apply) {}

  private static final List<Strike> STRIKES =
      List.of(
          new Strike("down", Faults::down),
          new Strike("slow", f -> f.slow(FaultStack.REQUEST_TIMEOUT.multipliedBy(3).dividedBy(2))),
          new Strike("500s", f -> f.serverErrors(5)),
          new Strike("one 500", f -> f.serverErrors(1)),
          new Strike("malformed JSON", f -> f.malformedJson(2)),
          new Strike("truncated JSON", f -> f.truncatedJson(2)),
          new Strike("tokens expire", Faults::expireAllTokens),
          new Strike("down after a page of jobs", f -> f.onceAfterPage("/jobs/", f::down)),
          new Strike("down after a page of events", f -> f.onceAfterPage("/events/", f::down)),
          new Strike(
              "500 after a page of events",
              f -> f.onceAfterPage("/events/", () -> f.serverErrors(1))));

  @Test
  void countersEqualTheGroundTruthAfterACampaignPlayedUnderRandomFaults() throws Exception {
    long seed = Long.getLong("soak.seed", System.nanoTime());
    System.out.printf("soak: seed=%d run=%s (replay with -Dsoak.seed=%d)%n", seed, RUN, seed);
    try {
      soak(seed);
    } catch (AssertionError e) {
      throw new AssertionError("soak failed with -Dsoak.seed=" + seed + ": " + e.getMessage(), e);
    }
  }

  private void soak(long seed) throws Exception {
    Random random = new Random(seed);
    List<String> struck = new ArrayList<>();
    try (FaultStack stack = FaultStack.empty()) {
      WorkloadGenerator campaign =
          new WorkloadGenerator(
              stack.balsam.store, stack.balsam.writes, stack.balsam.userId, seed, Profile.test());
      Changes truth = new Changes(stack.balsam);
      Exporter exporter = stack.exporter(1000, 1);
      long start = System.nanoTime();
      long playUntil = start + RUN.toNanos() * 2 / 3;
      long end = start + RUN.toNanos();

      // Two thirds of the run: the campaign plays while faults strike.
      AtomicBoolean playing = new AtomicBoolean(true);
      AtomicReference<Throwable> playerFailure = new AtomicReference<>();
      Thread player =
          new Thread(
              () -> {
                try {
                  while (playing.get()) {
                    stack.balsam.clock.advance(STEP);
                    campaign.step(STEP);
                    FaultStack.sleep(STEP_PAUSE);
                  }
                } catch (Throwable t) {
                  playerFailure.set(t);
                }
              },
              "soak-campaign");
      player.start();
      try {
        strikeUntil(playUntil, stack.faults, random, struck);
      } finally {
        playing.set(false);
        player.join(Duration.ofSeconds(30).toMillis());
      }
      assertThat(playerFailure.get()).as("the campaign played").isNull();
      long events = truth.events();

      // The last third: no new data, faults go on, and the heap after GC must stay flat.
      List<Long> heap = new ArrayList<>();
      while (System.nanoTime() < end) {
        heap.add(heapAfterGc());
        strikeOnce(stack.faults, random, struck);
      }
      heap.add(heapAfterGc());

      // Faults off; the polls after it bring the exporter to the ground truth.
      stack.faults.reset();
      FaultStack.awaitReady(exporter);
      Scrape last = FaultStack.awaitPolls(exporter, Scrape.of(exporter.port()), "success", 2);
      Scrape fresh = stack.fresh();

      System.out.printf(
          "soak: %d events, %d jobs, polls %s, faults %s, heap MB %s%n",
          events,
          truth.jobs(),
          last.sum("balsam_exporter_polls_total"),
          struck.size(),
          heap.stream().map(b -> b >> 20).toList());
      assertThat(events).as("events played").isGreaterThan(1000);
      assertThat(Contract.allPolls(last) - last.polls("success")).as("failed polls").isPositive();
      assertThat(Scrape.differences(last.domain(), fresh.domain())).isEmpty();
      assertThat(last.sum("balsam_job_transitions_total")).isEqualTo(events);
      assertThat(last.sum("balsam_jobs")).isEqualTo(truth.jobs());
      assertHeapStoppedGrowing(heap);
    }
  }

  /** Strikes at random until {@code deadline}. */
  private static void strikeUntil(long deadline, Faults faults, Random random, List<String> log) {
    while (System.nanoTime() < deadline) {
      strikeOnce(faults, random, log);
    }
  }

  /** One fault for 0.1 to 1.5 s, then 0.1 to 1.5 s without. */
  private static void strikeOnce(Faults faults, Random random, List<String> log) {
    Strike strike = STRIKES.get(random.nextInt(STRIKES.size()));
    log.add(strike.name());
    strike.apply().accept(faults);
    FaultStack.sleep(Duration.ofMillis(100 + random.nextInt(1400)));
    faults.reset();
    FaultStack.sleep(Duration.ofMillis(100 + random.nextInt(1400)));
  }

  /**
   * Once no data arrives, the floor of the heap after GC must stay where it was: the lowest sample
   * of the later half may not exceed the lowest of the earlier half by more than the slack. A poll
   * in flight when a sample is taken raises that sample only; something that polls, failures or
   * retries leave behind raises every later one, and so the floor.
   */
  private static void assertHeapStoppedGrowing(List<Long> heap) {
    assertThat(heap).hasSizeGreaterThanOrEqualTo(4);
    long early = heap.subList(0, heap.size() / 2).stream().min(Long::compare).orElseThrow();
    long late =
        heap.subList(heap.size() / 2, heap.size()).stream().min(Long::compare).orElseThrow();
    long allowed = early + Math.max(HEAP_SLACK_BYTES, (long) (early * HEAP_SLACK_RATIO));
    assertThat(late)
        .as("lowest heap after GC of the later samples (bytes); all samples %s", heap)
        .isLessThanOrEqualTo(allowed);
  }

  /** The heap in use after a full GC, the lowest of three tries a moment apart. */
  private static long heapAfterGc() {
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      lowest = Math.min(lowest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      FaultStack.sleep(Duration.ofMillis(70));
    }
    return lowest;
  }
}

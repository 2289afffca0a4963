package io.balsamexporter.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.sim.store.EventData;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimTestBed;
import io.balsamexporter.sim.store.SimWrites;
import io.balsamexporter.sim.store.StoreChecks;
import io.balsamexporter.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class WorkloadGeneratorTest {
  private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(1);
  private static final int STEPS = 20 * 60;

  /** What a played campaign left in the store, copied out of it. */
  public record Snapshot(
      List<Event> events,
      Map<Long, Job> jobs,
      Map<Long, BatchJob> batchJobs,
      Map<Long, Site> sites,
      Map<Long, App> apps) {}

  private static Snapshot played;

  @BeforeAll
  static void playOnce() {
    played = play(20261126L, STEPS);
  }

  static Snapshot play(long seed, int steps) {
    ManualClock clock = new ManualClock(START);
    SimStore store = new SimStore(clock);
    long user = SimTestBed.addUser(store, "campaign");
    WorkloadGenerator generator =
        new WorkloadGenerator(store, new SimWrites(store), user, seed, Profile.test());
    for (int i = 0; i < steps; i++) {
      clock.advance(STEP);
      generator.step(STEP);
    }
    return snapshot(store);
  }

  public static Snapshot snapshot(SimStore store) {
    return store.read(
        d ->
            new Snapshot(
                List.copyOf(d.events),
                new TreeMap<>(d.jobs),
                new TreeMap<>(d.batchJobs),
                new TreeMap<>(d.sites),
                new TreeMap<>(d.apps)));
  }

  @Test
  void replayingEachJobsEventsInTimestampOrderReproducesItsStoredState() {
    assertThat(played.jobs()).hasSizeGreaterThan(300);
    assertThat(StoreChecks.replayMismatches(played.events(), played.jobs())).isEmpty();
  }

  @Test
  void someEventsArriveLateWithAHigherIdAndAnOlderTimestamp() {
    assertThat(StoreChecks.lateEvents(played.events())).isGreaterThan(10);
    assertThat(played.events()).extracting(Event::id).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void everyRunningEventCarriesTheJobsNodeWeightAsAFloatAndItsBatchJob() {
    List<Event> running =
        played.events().stream().filter(e -> e.toState().equals(JobStates.RUNNING)).toList();

    assertThat(running).hasSizeGreaterThan(100);
    for (Event event : running) {
      Job job = played.jobs().get(event.jobId());
      assertThat(event.data().get("num_nodes"))
          .isInstanceOf(Double.class)
          .isEqualTo((double) job.numNodes() / job.nodePackingCount());
      assertThat(job.batchJobId()).isNotNull();
      assertThat(played.batchJobs()).containsKey(job.batchJobId());
    }
  }

  @Test
  void theCampaignWalksEveryPathOfTheStateMachine() {
    Set<String> transitions =
        played.events().stream()
            .map(e -> e.fromState() + "->" + e.toState())
            .collect(Collectors.toSet());

    assertThat(transitions)
        .contains(
            "CREATED->STAGED_IN",
            "CREATED->READY",
            "CREATED->AWAITING_PARENTS",
            "READY->STAGED_IN",
            "AWAITING_PARENTS->STAGED_IN",
            "STAGED_IN->PREPROCESSED",
            "STAGED_IN->FAILED",
            "PREPROCESSED->RUNNING",
            "RUNNING->RUN_DONE",
            "RUN_DONE->JOB_FINISHED",
            "RUN_DONE->POSTPROCESSED",
            "POSTPROCESSED->JOB_FINISHED",
            "RUNNING->RUN_ERROR",
            "RUN_ERROR->RESTART_READY",
            "RUN_ERROR->FAILED",
            "RUNNING->RUN_TIMEOUT",
            "RUN_TIMEOUT->RESTART_READY",
            "RESTART_READY->RUNNING");
    assertThat(played.events())
        .anySatisfy(e -> assertThat(e.data()).isEqualTo(EventData.sessionExpired()));
  }

  @Test
  void launchersLeaveTheQueueAndFinishWithWholeSecondTimesOnlyThen() {
    Set<String> states = new HashSet<>();
    for (BatchJob batchJob : played.batchJobs().values()) {
      states.add(batchJob.state());
      if (batchJob.state().equals(JobStates.BATCH_FINISHED) && batchJob.startTime() != null) {
        assertThat(batchJob.startTime().truncatedTo(ChronoUnit.SECONDS))
            .isEqualTo(batchJob.startTime());
        assertThat(batchJob.endTime()).isAfterOrEqualTo(batchJob.startTime());
      } else if (!batchJob.state().equals(JobStates.BATCH_FINISHED)) {
        assertThat(batchJob.startTime()).isNull();
        assertThat(batchJob.endTime()).isNull();
      }
    }

    assertThat(states).contains("finished", "running");
    assertThat(played.batchJobs().values())
        .anySatisfy(b -> assertThat(b.statusInfo()).containsKey("submit_script"))
        .anySatisfy(b -> assertThat(b.startTime()).isNotNull());
  }

  @Test
  void sitesReportTheirQueueAndBackfillAsTheyRefresh() {
    assertThat(played.sites()).hasSize(2);
    for (Site site : played.sites().values()) {
      assertThat(site.lastRefresh()).isAfter(site.creationDate());
      assertThat(site.lastRefresh()).isAfter(START.plus(STEP.multipliedBy(STEPS - 10)));
    }
  }

  @Test
  void noEventIsStampedAfterTheServersClock() {
    Instant end = START.plus(STEP.multipliedBy(STEPS));

    assertThat(played.events()).allSatisfy(e -> assertThat(e.timestamp()).isBeforeOrEqualTo(end));
    assertThat(played.jobs().values())
        .allSatisfy(j -> assertThat(j.lastUpdate()).isBeforeOrEqualTo(end));
  }

  @Test
  void theSameSeedBuildsTheSameStoreAndAnotherSeedDoesNot() {
    Snapshot again = play(20261126L, STEPS);
    Snapshot other = play(7L, 120);

    assertThat(again).isEqualTo(played);
    assertThat(other.events()).isNotEqualTo(play(8L, 120).events());
  }

  @Test
  void aStepMustNotOutrunTheStoresClock() {
    SimStore store = new SimStore(new ManualClock(START));
    long user = SimTestBed.addUser(store, "u");
    WorkloadGenerator generator =
        new WorkloadGenerator(store, new SimWrites(store), user, 1, Profile.test());

    assertThatThrownBy(() -> generator.step(STEP)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void realtimeModeStepsAsTheClockMovesAndStopsOnClose() throws Exception {
    ManualClock clock = new ManualClock(START);
    SimStore store = new SimStore(clock);
    long user = SimTestBed.addUser(store, "u");
    WorkloadGenerator generator =
        new WorkloadGenerator(store, new SimWrites(store), user, 3, Profile.demo());
    CountDownLatch caughtUp = new CountDownLatch(1);
    clock.advance(Duration.ofSeconds(30));

    AutoCloseable running =
        generator.startRealtime(
            1.0,
            () -> {
              if (store.read(d -> d.jobs.size()) > 0) {
                caughtUp.countDown();
              }
            });
    try {
      assertThat(caughtUp.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      running.close();
    }
    int events = store.read(d -> d.events.size());
    int sites = store.read(d -> d.sites.size());
    clock.advance(Duration.ofSeconds(30));
    generator.step(Duration.ofSeconds(30));
    int eventsAfterManualStep = store.read(d -> d.events.size());

    assertThat(events).isPositive();
    assertThat(sites).isEqualTo(3);
    assertThat(eventsAfterManualStep).isGreaterThan(events);
  }
}

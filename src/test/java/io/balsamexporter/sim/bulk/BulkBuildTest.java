package io.balsamexporter.sim.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimTestBed;
import io.balsamexporter.sim.store.StoreChecks;
import io.balsamexporter.sim.workload.WorkloadGeneratorTest;
import io.balsamexporter.testing.ManualClock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BulkBuildTest {
  private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  private static BulkStats stats;
  private static WorkloadGeneratorTest.Snapshot built;

  @BeforeAll
  static void buildOnce() {
    SimStore store = new SimStore(new ManualClock(NOW));
    long user = SimTestBed.addUser(store, "bulk");
    stats = new BulkBuilder(store, user, 10_000, 42).build();
    built = WorkloadGeneratorTest.snapshot(store);
  }

  @Test
  void theStatsDescribeWhatIsInTheStore() {
    assertThat(stats.jobs()).isEqualTo(10_000).isEqualTo(built.jobs().size());
    assertThat(stats.events()).isEqualTo(built.events().size());
    assertThat(stats.batchJobs()).isEqualTo(built.batchJobs().size()).isGreaterThan(6);
    assertThat(stats.sites()).isEqualTo(3).isEqualTo(built.sites().size());
    assertThat(stats.apps()).isEqualTo(7);
    assertThat(stats.until()).isEqualTo(NOW);
    assertThat(stats.lateEvents()).isEqualTo(StoreChecks.lateEvents(built.events()));
  }

  @Test
  void eachJobsEventsReplayedInTimestampOrderEndInItsStoredState() {
    assertThat(StoreChecks.replayMismatches(built.events(), built.jobs())).isEmpty();
    assertThat((double) stats.events() / stats.jobs()).isBetween(4.0, 12.0);
  }

  @Test
  void lateArrivalsExistAndIdsFollowArrival() {
    assertThat(stats.lateEvents()).isGreaterThan(100);
    assertThat(built.events()).extracting(Event::id).isSorted().doesNotHaveDuplicates();
    assertThat(built.events()).allSatisfy(e -> assertThat(e.timestamp()).isBeforeOrEqualTo(NOW));
  }

  @Test
  void runningEventsCarryTheNodeWeightAndJobsPointAtTheirSitesBatchJobs() {
    Map<Long, Long> siteOfApp =
        built.apps().values().stream().collect(Collectors.toMap(App::id, App::siteId));
    for (Event event : built.events()) {
      if (event.toState().equals(JobStates.RUNNING)) {
        Job job = built.jobs().get(event.jobId());
        assertThat(event.data().get("num_nodes"))
            .isInstanceOf(Double.class)
            .isEqualTo((double) job.numNodes() / job.nodePackingCount());
        BatchJob batchJob = built.batchJobs().get(job.batchJobId());
        assertThat(batchJob.siteId()).isEqualTo(siteOfApp.get(job.appId()));
      }
    }
  }

  @Test
  void batchJobsHaveTimesOnlyOnceFinishedInWholeSeconds() {
    Set<String> states =
        built.batchJobs().values().stream().map(BatchJob::state).collect(Collectors.toSet());

    assertThat(states).contains("finished").containsAnyOf("running", "queued");
    for (BatchJob b : built.batchJobs().values()) {
      if (b.state().equals("finished")) {
        assertThat(b.startTime()).isEqualTo(b.startTime().truncatedTo(ChronoUnit.SECONDS));
        assertThat(b.endTime()).isAfter(b.startTime());
      } else {
        assertThat(b.startTime()).isNull();
        assertThat(b.endTime()).isNull();
      }
    }
  }

  @Test
  void theShapesOfAPlayedCampaignAreAllThere() {
    Set<String> transitions =
        built.events().stream()
            .map(e -> e.fromState() + "->" + e.toState())
            .collect(Collectors.toSet());
    Set<String> jobStates =
        built.jobs().values().stream().map(Job::state).collect(Collectors.toSet());

    assertThat(transitions)
        .contains(
            "CREATED->AWAITING_PARENTS",
            "AWAITING_PARENTS->STAGED_IN",
            "CREATED->READY",
            "READY->STAGED_IN",
            "RUN_DONE->JOB_FINISHED",
            "RUN_DONE->POSTPROCESSED",
            "POSTPROCESSED->JOB_FINISHED",
            "RUNNING->RUN_TIMEOUT",
            "RUN_ERROR->FAILED",
            "RESTART_READY->RUNNING",
            "STAGED_IN->FAILED");
    assertThat(jobStates).contains("JOB_FINISHED", "RUNNING", "AWAITING_PARENTS", "FAILED");
  }

  @Test
  void theSameSeedBuildsTheSameStore() {
    assertThat(buildSmall(7)).isEqualTo(buildSmall(7)).isNotEqualTo(buildSmall(8));
  }

  private static WorkloadGeneratorTest.Snapshot buildSmall(long seed) {
    SimStore store = new SimStore(new ManualClock(NOW));
    new BulkBuilder(store, SimTestBed.addUser(store, "u"), 1_000, seed).build();
    return WorkloadGeneratorTest.snapshot(store);
  }
}

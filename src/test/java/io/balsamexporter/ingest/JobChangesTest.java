package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.Job;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.cost.ServerCost;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idle polls visit the jobs once (a count of those changed since the last poll), and every way a
 * job can change, appear or disappear still shows exactly: in the next poll, or for a deletion,
 * which moves no {@code last_update}, at the next count of all jobs.
 */
class JobChangesTest {
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(15);
  private static final Duration JOBS_CHECK_INTERVAL = Duration.ofMinutes(5);

  private final SimHarness balsam = SimHarness.withDevFixtures();
  private final ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
  private final Poller poller =
      new Poller(
              balsam.client(10_000, (endpoint, code) -> {}),
              new IngestSettings(
                  10_000,
                  10_000,
                  Duration.ofMinutes(10),
                  Instant.EPOCH,
                  List.of(),
                  IngestSettings.DEFAULT_CHECK_INTERVAL,
                  JOBS_CHECK_INTERVAL),
              balsam.clock)
          .subscribe(metrics.domain());

  @BeforeEach
  void syncAndGoQuiet() {
    assertThat(poller.pollOnce().ok()).isTrue();
    // Past the overlaps, so that the jobs the fixture changed last are not listed again.
    balsam.clock.advance(Duration.ofMinutes(1));
    assertThat(poller.pollOnce().ok()).isTrue();
    assertExact();
  }

  @AfterEach
  void stop() {
    balsam.close();
  }

  @Test
  void anIdlePollVisitsEachJobOnceAndNoEvent() {
    ServerCost idle = poll();

    assertThat(idle.jobsVisited()).isEqualTo(jobsOnServer());
    assertThat(idle.eventsVisited()).isZero();
    assertThat(idle.requests()).isEqualTo(4);
  }

  @Test
  void aJobReachingAFinalStateShowsAtTheNextPoll() {
    Job job = anyJob(j -> j.state().equals("RUNNING"));
    update(job, "RUN_DONE");
    update(job, "JOB_FINISHED");

    ServerCost poll = poll();

    assertExact();
    // The count of changed jobs is not 0, so they are listed: a count and a select.
    assertThat(poll.jobsVisited()).isEqualTo(3 * jobsOnServer());
  }

  @Test
  void aFinalJobMovedBackShowsAtTheNextPoll() {
    update(anyJob(j -> j.state().equals("FAILED")), "RESTART_READY");
    update(anyJob(j -> j.state().equals("JOB_FINISHED")), "RESTART_READY");

    poll();

    assertExact();
  }

  @Test
  void aJobCreatedAndFinishedBetweenTwoPollsShowsAtTheNextPoll() {
    Job template = anyJob(j -> true);
    Job created =
        balsam
            .writes
            .createJobs(List.of(NewJob.of("between-polls/job", template.appId(), Map.of())))
            .get(0);
    for (String state : List.of("PREPROCESSED", "RUNNING", "RUN_DONE", "JOB_FINISHED")) {
      update(created, state);
    }

    poll();

    assertExact();
  }

  @Test
  void aDeletedJobIsGoneAtTheNextCountOfAllJobsAndOnlyThenCostsAVisitMore() {
    double transitions = scrape().sum("balsam_job_transitions");
    balsam.writes.deleteJobs(List.of(anyJob(j -> j.state().equals("JOB_FINISHED")).id()));

    long polls = 0;
    ServerCost counted = ServerCost.NONE;
    while (scrape().sum("balsam_jobs") != jobsOnServer()) {
      assertThat(polls++).isLessThan(JOBS_CHECK_INTERVAL.dividedBy(POLL_INTERVAL));
      counted = poll();
    }

    assertExact();
    // The count of all jobs found it, and the listing of all jobs told which one it was.
    assertThat(counted.jobsVisited()).isEqualTo(4 * jobsOnServer());
    // A deleted job's events are gone from the server but stay counted, as Prometheus wants.
    assertThat(scrape().sum("balsam_job_transitions")).isEqualTo(transitions);
  }

  @Test
  void aJobDeletedAndAnotherCreatedBetweenTwoPollsAreBothSeenByTheCountOfAllJobs() {
    Job template = anyJob(j -> true);
    balsam.writes.deleteJobs(List.of(anyJob(j -> j.state().equals("FAILED")).id()));
    balsam.writes.createJobs(List.of(NewJob.of("replacement/job", template.appId(), Map.of())));

    poll();
    // The creation shows at once, through the count of changed jobs; the deletion waits.
    assertThat(jobsPerState().get("STAGED_IN"))
        .isEqualTo((long) scrape().sum("balsam_jobs", Map.of("state", "STAGED_IN")));
    balsam.clock.advance(JOBS_CHECK_INTERVAL);
    poll();

    assertExact();
  }

  private ServerCost poll() {
    balsam.clock.advance(POLL_INTERVAL);
    balsam.simulator.resetServerCost();
    assertThat(poller.pollOnce().ok()).isTrue();
    return balsam.simulator.serverCost();
  }

  private void update(Job job, String state) {
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(JobUpdate.state(job.id(), state, balsam.clock.instant(), Map.of())));
  }

  private Job anyJob(Predicate<Job> which) {
    return balsam.store.read(d -> d.jobs.values().stream().filter(which).findFirst().orElseThrow());
  }

  private long jobsOnServer() {
    return balsam.store.read(d -> (long) d.jobs.size());
  }

  private Map<String, Long> jobsPerState() {
    return balsam.store.read(
        d -> {
          Map<String, Long> perState = new TreeMap<>();
          d.jobs.values().forEach(j -> perState.merge(j.state(), 1L, Long::sum));
          return perState;
        });
  }

  private Samples scrape() {
    return new Samples(metrics.scrape());
  }

  /** Every state's gauge is the server's count, and every stored event is counted once. */
  private void assertExact() {
    Samples samples = scrape();
    Map<String, Long> exported = new TreeMap<>();
    jobsPerState()
        .keySet()
        .forEach(
            state ->
                exported.put(state, (long) samples.sum("balsam_jobs", Map.of("state", state))));
    assertThat(exported).isEqualTo(jobsPerState());
    assertThat((long) samples.sum("balsam_jobs")).isEqualTo(jobsOnServer());
    long events = balsam.store.read(d -> (long) d.events.size());
    assertThat(samples.sum("balsam_job_transitions")).isGreaterThanOrEqualTo(events);
  }
}

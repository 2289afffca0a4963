package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Each event is counted exactly once however late it reaches the API, whether the exporter keeps
 * running or restarts.
 */
class ExactlyOnceTest {
  private static final Duration LATE_WINDOW = Duration.ofMinutes(10);
  private final SimHarness balsam = SimHarness.withDevFixtures();

  @AfterEach
  void stop() {
    balsam.close();
  }

  /** An exporter's poller and metrics, as a fresh process would have them. */
  private record Instance(Poller poller, ExporterMetrics metrics) {
    Samples poll() {
      PollResult result = poller.pollOnce();
      assertThat(result.failure()).isEmpty();
      return samples();
    }

    Samples samples() {
      return new Samples(metrics.scrape());
    }
  }

  private Instance start(int pageSize) {
    ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    Poller poller =
        new Poller(
                balsam.client(pageSize, RequestObserver.NONE),
                new IngestSettings(pageSize, LATE_WINDOW, Instant.EPOCH, List.of()),
                balsam.clock)
            .subscribe(metrics.domain());
    return new Instance(poller, metrics);
  }

  private void run(long jobId, Instant siteTime) {
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(JobUpdate.state(jobId, "RUNNING", siteTime, Map.of("num_nodes", 1.0))));
  }

  private static double started(Samples samples) {
    return samples.sum(
        "balsam_job_transitions", Map.of("from_state", "PREPROCESSED", "to_state", "RUNNING"));
  }

  @Test
  void lateEventsInsideAndBeyondTheWindowAreEachCountedOnce() {
    Instance exporter = start(10_000);
    Samples before = exporter.poll();
    assertThat(started(before)).isEqualTo(126);

    List<Long> jobs = DevFixture.jobIdsIn("PREPROCESSED", 3);
    // The newest recorded event is at 09:12:01; the window reaches back 10 minutes from it.
    run(jobs.get(0), Instant.parse("2026-11-26T09:11:00Z")); // late, inside the window
    run(jobs.get(1), Instant.parse("2026-11-26T08:00:00Z")); // beyond the window
    run(jobs.get(2), Instant.parse("2026-11-20T12:00:00Z")); // days before everything
    Samples after = exporter.poll();

    assertThat(started(after)).isEqualTo(129);
    assertThat(after.sum("balsam_exporter_events", Map.of("outcome", "late"))).isEqualTo(3);
    assertThat(after.sum("balsam_jobs", Map.of("state", "RUNNING"))).isEqualTo(6);

    Samples again = exporter.poll();
    assertThat(started(again)).isEqualTo(129);
    assertThat(again.sum("balsam_job_transitions")).isEqualTo(839);
  }

  @Test
  void aRestartedExporterExportsTheSameCountersAsTheOneThatKeptRunning() {
    Instance running = start(10_000);
    running.poll();
    List<Long> jobs = DevFixture.jobIdsIn("PREPROCESSED", 2);
    run(jobs.get(0), Instant.parse("2026-11-26T09:11:30Z"));
    run(jobs.get(1), Instant.parse("2026-11-26T07:00:00Z"));
    Samples kept = running.poll();

    Samples restarted = start(10_000).poll();

    assertThat(restarted.series("balsam_job_transitions"))
        .isEqualTo(kept.series("balsam_job_transitions"));
    assertThat(restarted.series("balsam_jobs")).isEqualTo(kept.series("balsam_jobs"));
    assertThat(restarted.sum("balsam_job_transitions")).isEqualTo(838);
  }

  @Test
  void eventsInsertedWhilePagingAreCountedOnce() {
    List<Long> jobs = DevFixture.jobIdsIn("PREPROCESSED", 2);
    balsam
        .simulator
        .faults()
        .onceAfterPage(
            "/events/",
            () -> {
              run(jobs.get(0), Instant.parse("2026-11-26T09:06:40Z"));
              run(jobs.get(1), Instant.parse("2026-11-26T09:12:30Z"));
            });
    Instance exporter = start(50);
    Samples first = exporter.poll();
    Samples second = exporter.poll();

    // Both land after the first page's last row (09:06:39.19), so the same sync reads them.
    assertThat(first.sum("balsam_job_transitions")).isEqualTo(838);
    assertThat(second.sum("balsam_job_transitions")).isEqualTo(838);
    assertThat(exporter.poll().sum("balsam_job_transitions")).isEqualTo(838);
  }

  @Test
  void aJobDeletedAndAnotherCreatedBetweenTwoPollsAreBothSeen() {
    Instance exporter = start(10_000);
    exporter.poll();
    balsam.clock.advance(Duration.ofSeconds(1));
    long appId = DevFixture.results("jobs.json").get(0).get("app_id").asLong();
    Set<Long> deleted = balsam.writes.deleteJobs(DevFixture.jobIdsIn("RUN_DONE", 1));
    balsam.writes.createJobs(List.of(NewJob.of("late/new-job", appId, Map.of())));
    // A deletion changes no last_update: the count of all jobs, on its schedule, finds it.
    balsam.clock.advance(IngestSettings.DEFAULT_JOBS_CHECK_INTERVAL);

    Samples after = exporter.poll();

    // The job count alone cannot tell (one less, one more); the new job in the listing of
    // changed jobs makes the index one larger than the server, which only a deletion explains.
    assertThat(deleted).hasSize(1);
    assertThat(after.sum("balsam_jobs")).isEqualTo(199);
    assertThat(after.sum("balsam_jobs", Map.of("state", "RUN_DONE")))
        .isEqualTo(recordedIn("RUN_DONE") - 1);
    assertThat(after.sum("balsam_jobs", Map.of("state", "STAGED_IN")))
        .isEqualTo(recordedIn("STAGED_IN") + 1);
  }

  private static long recordedIn(String state) {
    return DevFixture.results("jobs.json").stream()
        .filter(j -> j.get("state").asText().equals(state))
        .count();
  }

  @Test
  void deletedJobsLeaveTheGaugesButNotTheCounters() {
    Instance exporter = start(10_000);
    exporter.poll();
    balsam.clock.advance(Duration.ofSeconds(1));
    // Balsam deletes a job's descendants with it.
    Set<Long> deleted = balsam.writes.deleteJobs(DevFixture.jobIdsIn("JOB_FINISHED", 2));
    long deletedFinished =
        DevFixture.results("jobs.json").stream()
            .filter(j -> deleted.contains(j.get("id").asLong()))
            .filter(j -> j.get("state").asText().equals("JOB_FINISHED"))
            .count();
    run(DevFixture.jobIdsIn("PREPROCESSED", 1).get(0), Instant.parse("2026-11-26T08:30:00Z"));
    balsam.clock.advance(IngestSettings.DEFAULT_JOBS_CHECK_INTERVAL);

    Samples after = exporter.poll();

    assertThat(deleted).hasSizeGreaterThanOrEqualTo(2);
    assertThat(after.sum("balsam_jobs")).isEqualTo(199 - deleted.size());
    assertThat(after.sum("balsam_jobs", Map.of("state", "JOB_FINISHED")))
        .isEqualTo(105 - deletedFinished);
    assertThat(after.sum("balsam_job_transitions")).isEqualTo(837);
    assertThat(exporter.poll().sum("balsam_job_transitions")).isEqualTo(837);
  }
}

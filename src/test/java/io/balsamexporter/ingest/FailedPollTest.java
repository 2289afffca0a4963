package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A poll that fails part way changes nothing; the next one applies everything once. */
class FailedPollTest {
  private final SimHarness balsam = SimHarness.withDevFixtures();
  private final ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
  private final Poller poller =
      new Poller(
              balsam.client(10_000, RequestObserver.NONE),
              new IngestSettings(10_000, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
              balsam.clock)
          .subscribe(metrics.domain());

  @AfterEach
  void stop() {
    balsam.close();
  }

  @Test
  void aPollThatFailsAfterReadingJobsChangesNeitherGaugesNorCounters() {
    assertThat(poller.pollOnce().ok()).isTrue();
    Samples before = new Samples(metrics.scrape());
    balsam.clock.advance(Duration.ofSeconds(1));
    long job = firstJobIn("PREPROCESSED");
    balsam.writes.updateJobs(
        List.of(
            JobUpdate.state(
                job, "RUNNING", Instant.parse("2026-11-26T09:12:30Z"), Map.of("num_nodes", 1.0))));
    // The jobs are read, then the next request (the job count) fails.
    balsam
        .simulator
        .faults()
        .onceAfterPage("/jobs/", () -> balsam.simulator.faults().serverErrors(1));

    PollResult failed = poller.pollOnce();

    assertThat(failed.failure())
        .get()
        .extracting(BalsamException::kind)
        .isEqualTo(BalsamException.Kind.SERVER_ERROR);
    Samples during = new Samples(metrics.scrape());
    assertThat(during.series("balsam_jobs")).isEqualTo(before.series("balsam_jobs"));
    assertThat(during.series("balsam_job_transitions"))
        .isEqualTo(before.series("balsam_job_transitions"));

    assertThat(poller.pollOnce().ok()).isTrue();
    Samples after = new Samples(metrics.scrape());
    assertThat(after.sum("balsam_job_transitions")).isEqualTo(837);
    assertThat(after.sum("balsam_jobs", Map.of("state", "RUNNING"))).isEqualTo(4);
  }

  @Test
  void aFirstSyncThatFailsPartWayEndsWithTheMetricsOfOneThatDidNot() {
    ExporterMetrics clean = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    assertThat(pollerWithPages(100, clean).pollOnce().ok()).isTrue();
    ExporterMetrics retried = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    List<String> eventPages = new ArrayList<>();
    Poller poller =
        pollerWithPages(
            100,
            retried,
            (endpoint, code) -> {
              if (endpoint.equals("/events/")) {
                eventPages.add(code);
              }
            });
    // Three pages of the 836 events are read, then the server fails.
    var faults = balsam.simulator.faults();
    faults.onceAfterPage("/events/", () -> {});
    faults.onceAfterPage("/events/", () -> {});
    faults.onceAfterPage("/events/", () -> faults.serverErrors(1));

    assertThat(poller.pollOnce().ok()).isFalse();
    assertThat(poller.synced()).isFalse();
    eventPages.clear();
    assertThat(poller.pollOnce().ok()).isTrue();

    // The retry resumes at the last page read, so it reads no more than the 9 pages of the whole
    // history. (How many pages the failed attempt applied depends on which request the armed
    // error hits: the jobs listing and two pages of events are in flight at once.)
    assertThat(eventPages).hasSizeLessThanOrEqualTo(9).containsOnly("200");

    Samples expected = new Samples(clean.scrape());
    Samples actual = new Samples(retried.scrape());
    for (String family :
        List.of(
            "balsam_job_transitions",
            "balsam_jobs",
            "balsam_job_run_duration_seconds",
            "balsam_job_queue_wait_seconds")) {
      assertThat(actual.series(family)).as(family).isEqualTo(expected.series(family));
    }
    assertThat(actual.sum("balsam_job_transitions")).isEqualTo(836);
    assertThat(actual.histogramCount("balsam_job_run_duration_seconds", Map.of())).isPositive();
  }

  @Test
  void anEventThatLandsBeforeWhereAFailedFirstSyncResumesIsCountedOnceByTheResumedSync() {
    ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    Poller poller = pollerWithPages(100, metrics);
    var faults = balsam.simulator.faults();
    faults.onceAfterPage("/events/", () -> {});
    faults.onceAfterPage("/events/", () -> {});
    faults.onceAfterPage("/events/", () -> faults.serverErrors(1));
    assertThat(poller.pollOnce().ok()).isFalse();

    // Between the attempts a site reports a run that started early in the history.
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(
            JobUpdate.state(
                firstJobIn("PREPROCESSED"),
                "RUNNING",
                Instant.parse("2026-11-26T09:06:40Z"),
                Map.of("num_nodes", 1.0))));
    // Its job changed after the resumed sync began, so the sync reads that job's events again.
    assertThat(poller.pollOnce().ok()).isTrue();
    Samples synced = new Samples(metrics.scrape());
    assertThat(synced.sum("balsam_job_transitions")).isEqualTo(837);
    // Late when the failed attempt had read past it, in order when the error stopped it earlier
    // (the jobs listing and two pages of events are in flight at once); counted once either way.
    double late = synced.sum("balsam_exporter_events", Map.of("outcome", "late"));
    assertThat(late).isLessThanOrEqualTo(1);

    assertThat(poller.pollOnce().ok()).isTrue();
    Samples after = new Samples(metrics.scrape());
    assertThat(after.sum("balsam_job_transitions")).isEqualTo(837);
    assertThat(after.sum("balsam_exporter_events", Map.of("outcome", "late"))).isEqualTo(late);
  }

  private Poller pollerWithPages(int pageSize, ExporterMetrics into) {
    return pollerWithPages(pageSize, into, RequestObserver.NONE);
  }

  private Poller pollerWithPages(int pageSize, ExporterMetrics into, RequestObserver observer) {
    return new Poller(
            balsam.client(pageSize, observer),
            new IngestSettings(pageSize, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock)
        .subscribe(into.domain());
  }

  private long firstJobIn(String state) {
    return io.balsamexporter.testing.DevFixture.results("jobs.json").stream()
        .filter(j -> j.get("state").asText().equals(state))
        .findFirst()
        .orElseThrow()
        .get("id")
        .asLong();
  }
}

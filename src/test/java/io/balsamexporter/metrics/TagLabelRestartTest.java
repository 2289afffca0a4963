package io.balsamexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.sim.workload.Profile;
import io.balsamexporter.sim.workload.WorkloadGenerator;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With more tag values than a label keeps, which values keep their own series must not depend on
 * when the exporter started: the values of the oldest jobs do, so one that polled along with a
 * campaign and one started after it export the same counters, however late the sites' events.
 */
class TagLabelRestartTest {
  private static final List<String> TAG_KEYS = List.of("experiment", "stage");
  private static final int LIMIT = 2;
  private static final Duration STEP = Duration.ofSeconds(60);

  private SimHarness balsam;

  @AfterEach
  void stop() {
    balsam.close();
  }

  private record Instance(Poller poller, ExporterMetrics metrics) {
    Samples poll() {
      assertThat(poller.pollOnce().failure()).isEmpty();
      return new Samples(metrics.scrape());
    }
  }

  private Instance start(Instant since) {
    ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), TAG_KEYS, LIMIT);
    Poller poller =
        new Poller(
                balsam.client(1_000, RequestObserver.NONE),
                new IngestSettings(1_000, Duration.ofMinutes(10), since, TAG_KEYS),
                balsam.clock)
            .subscribe(metrics.domain());
    return new Instance(poller, metrics);
  }

  private void assertSameSeries(Samples restarted, Samples kept) {
    assertThat(restarted.series("balsam_job_transitions"))
        .isEqualTo(kept.series("balsam_job_transitions"));
    assertThat(restarted.series("balsam_jobs")).isEqualTo(kept.series("balsam_jobs"));
  }

  @Test
  void anExporterStartedAfterACampaignExportsWhatOneThatFollowedItExports() {
    balsam = SimHarness.empty();
    WorkloadGenerator campaign =
        new WorkloadGenerator(balsam.store, balsam.writes, balsam.userId, 7, Profile.test());
    Instance following = start(Instant.EPOCH);
    following.poll();
    Samples kept = null;
    for (int i = 0; i < 20; i++) {
      balsam.clock.advance(STEP);
      campaign.step(STEP);
      kept = following.poll();
    }

    Samples restarted = start(Instant.EPOCH).poll();

    assertThat(kept.sum("balsam_exporter_events", Map.of("outcome", "late"))).isPositive();
    assertThat(kept.sumBy("balsam_job_transitions", "tag_experiment", Map.of()))
        .containsKey("__other__");
    assertSameSeries(restarted, kept);
  }

  @Test
  void withEventsSinceALateEventOfAnotherExperimentDoesNotMoveTheSeries() {
    // In the dev workload only xpcs-run7 and surrogate-v2 have events after 09:11; md-lipid (from
    // job 1) and sweep-alpha (from job 10) are the experiments of the oldest jobs.
    balsam = SimHarness.withDevFixtures();
    Instant since = Instant.parse("2026-11-26T09:11:00Z");
    Instance following = start(since);
    following.poll();
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(
            JobUpdate.state(
                134, "RUNNING", since.plusMillis(1), Map.of("num_nodes", 1.0)))); // sweep-alpha
    Samples kept = following.poll();

    Samples restarted = start(since).poll();

    assertThat(kept.sumBy("balsam_jobs", "tag_experiment", Map.of()).keySet())
        .containsExactlyInAnyOrder("md-lipid", "sweep-alpha", "__other__");
    assertSameSeries(restarted, kept);
  }
}

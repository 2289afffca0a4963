package io.balsamexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Job tags the operator lists become labels; each keeps a bounded number of values. The dev
 * workload has four experiments: md-lipid (74 jobs), sweep-alpha (73), xpcs-run7 (35) and
 * surrogate-v2 (17).
 */
class TagLabelMetricsTest {

  private static Samples syncWithExperimentLabel(int limit) {
    ExporterMetrics metrics =
        new ExporterMetrics(BuildInfo.fromJar(), List.of("experiment"), limit);
    try (SimHarness balsam = SimHarness.withDevFixtures()) {
      Poller poller =
          new Poller(
                  balsam.client(10_000, RequestObserver.NONE),
                  new IngestSettings(
                      10_000, Duration.ofMinutes(10), Instant.EPOCH, List.of("experiment")),
                  balsam.clock)
              .subscribe(metrics.domain());
      assertThat(poller.pollOnce().ok()).isTrue();
    }
    return new Samples(metrics.scrape());
  }

  @Test
  void jobsAndTransitionsCarryTheTagLabel() {
    Samples samples = syncWithExperimentLabel(50);
    assertThat(samples.sum("balsam_jobs", Map.of("tag_experiment", "md-lipid"))).isEqualTo(74);
    assertThat(samples.sum("balsam_jobs", Map.of("tag_experiment", "surrogate-v2"))).isEqualTo(17);
    assertThat(
            samples.sum(
                "balsam_job_transitions",
                Map.of("tag_experiment", "md-lipid", "to_state", "JOB_FINISHED")))
        .isEqualTo(26);
    assertThat(samples.sum("balsam_running_job_nodes"))
        .isCloseTo(DevFixture.lastValue("utilization_nodes.csv"), within(1e-9));
    assertThat(samples.sum("balsam_exporter_label_values_overflow")).isZero();
  }

  @Test
  void valuesBeyondTheLimitAreExportedAsOtherAndCounted() {
    Samples samples = syncWithExperimentLabel(2);
    assertThat(samples.sumBy("balsam_jobs", "tag_experiment", Map.of()).keySet())
        .hasSize(3)
        .contains("__other__");
    assertThat(samples.sum("balsam_jobs")).isEqualTo(199);
    assertThat(samples.sum("balsam_job_transitions")).isEqualTo(836);
    // One overflow for every event exported as __other__, however the events were grouped.
    double other = samples.sum("balsam_job_transitions", Map.of("tag_experiment", "__other__"));
    assertThat(other).isPositive();
    assertThat(
            samples.sum("balsam_exporter_label_values_overflow", Map.of("label", "tag_experiment")))
        .isEqualTo(other);
  }
}

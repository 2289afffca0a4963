package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.TestConfigs;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Simulated data must never pass for a real Balsam's: a demo exporter says so on /metrics. */
class DemoMarkingTest {
  @Test
  void aDemoExporterMarksItsMetricsAsDemoData() throws Exception {
    try (Exporter exporter = Exporter.start(TestConfigs.demo(), Clock.systemUTC())) {
      String metrics = Http.text(Http.get(exporter.port(), "/metrics"));
      assertThat(metrics).contains("balsam_exporter_demo_info{simulator_url=\"http://127.0.0.1:");
    }
  }
}

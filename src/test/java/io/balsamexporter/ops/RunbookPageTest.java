package io.balsamexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Exporter;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The runbook every alert links to is a page the exporter serves, with a heading per alert. */
class RunbookPageTest {

  @Test
  void theExporterServesTheRunbookWithAnAnchorForEveryShippedAlert() throws Exception {
    try (SimHarness balsam = SimHarness.withDevFixtures();
        Exporter exporter = Exporter.start(balsam.config(10_000), balsam.clock)) {
      assertThat(exporter.awaitFirstPoll(Duration.ofSeconds(60))).isTrue();
      HttpResponse<byte[]> response = Http.get(exporter.port(), "/runbook");
      assertThat(response.statusCode()).isEqualTo(200);
      String page = Http.text(response);
      for (ShippedRules.Rule alert : ShippedRules.alerts()) {
        String url = alert.node().path("annotations").path("runbook_url").asText();
        String anchor = url.substring(PrometheusRulesTest.RUNBOOK.length());
        assertThat(page).as(alert.name()).contains("id=\"" + anchor + "\">" + alert.name() + "<");
      }
      // The README's text, escaped, and nothing of the sections around it.
      assertThat(page).contains("<code>systemctl status balsam-exporter</code>");
      assertThat(page).doesNotContain("## Reliability and security");
      assertThat(Http.text(Http.get(exporter.port(), "/"))).contains("href=\"runbook\"");
    }
  }
}

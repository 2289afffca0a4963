package io.balsamexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.Exporter;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exporter as {@code Main} builds it serves the events API next to the reports. */
class EventApiWiringTest {

  @Test
  void theExporterServesEveryCountedEventWithItsPayload() throws Exception {
    try (SimHarness balsam = SimHarness.withDevFixtures();
        Exporter exporter = Exporter.start(balsam.config(100), balsam.clock)) {
      assertThat(exporter.awaitReady(Duration.ofSeconds(60))).isTrue();
      HttpResponse<byte[]> response =
          Http.get(exporter.port(), "/api/v1/events?to_state=RUN_ERROR");
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode page = new ObjectMapper().readTree(response.body());
      assertThat(page.get("count").asLong()).isEqualTo(1);
      assertThat(page.get("results").get(0).get("data").get("returncode").asInt()).isEqualTo(134);
      assertThat(page.get("results").get(0).get("site").asText()).isEqualTo("polaris-md");
    }
  }
}

package io.balsamexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.Exporter;
import io.balsamexporter.testing.Chromium;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The /reports page in headless Chromium: it draws the chart and shows the same numbers as the API
 * for the report and filters in its address.
 */
class ReportsPageTest {
  private static SimHarness balsam;
  private static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    Chromium.require();
    balsam = SimHarness.withDevFixtures();
    exporter = Exporter.start(balsam.config(10_000), balsam.clock);
    assertThat(exporter.awaitReady(Duration.ofSeconds(60))).isTrue();
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
      balsam.close();
    }
  }

  private static String text(String dom, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
    assertThat(m.find()).as("element #%s in the page", id).isTrue();
    return m.group(1);
  }

  @Test
  void thePageDrawsTheChartAndShowsTheApisNumbers() throws Exception {
    String filters = "scheduler_id=6112789&tag=experiment:md-lipid";
    String dom =
        Chromium.dumpDom(
            "http://127.0.0.1:" + exporter.port() + "/reports?report=utilization&" + filters);
    JsonNode api =
        new ObjectMapper()
            .readTree(Http.get(exporter.port(), "/api/v1/reports/utilization?" + filters).body());
    JsonNode points = api.get("points");
    assertThat(points.size()).isPositive();

    assertThat(text(dom, "chart-status")).isEqualTo("drawn 900x500");
    assertThat(text(dom, "error")).isEmpty();
    assertThat(text(dom, "point-count")).isEqualTo(Integer.toString(points.size()));
    JsonNode last = points.get(points.size() - 1);
    assertThat(text(dom, "last-time")).isEqualTo(last.get("time").asText());
    assertThat(Double.parseDouble(text(dom, "last-value"))).isEqualTo(last.get("value").asDouble());

    Matcher rows = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td></tr>").matcher(dom);
    List<String[]> shown = new ArrayList<>();
    while (rows.find()) {
      shown.add(new String[] {rows.group(1), rows.group(2)});
    }
    assertThat(shown).hasSize(points.size());
    for (int i = 0; i < shown.size(); i++) {
      assertThat(shown.get(i)[0]).isEqualTo(points.get(i).get("time").asText());
      assertThat(Double.parseDouble(shown.get(i)[1]))
          .isEqualTo(points.get(i).get("value").asDouble());
    }
    assertThat(dom)
        .contains("id=\"csv-link\" href=\"api/v1/reports/utilization?scheduler_id=6112789")
        .contains("format=csv");
  }

  @Test
  void aBadFilterShowsTheApisErrorAndNoChart() {
    String dom =
        Chromium.dumpDom(
            "http://127.0.0.1:" + exporter.port() + "/reports?report=throughput&site=nowhere");
    assertThat(text(dom, "error")).contains("no site named \"nowhere\"");
    assertThat(text(dom, "chart-status")).isEqualTo("not drawn");
  }
}

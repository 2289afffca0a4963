package io.balsamexporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.Exporter;
import io.balsamexporter.testing.ExpectedCsv;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reports API of an exporter polling the simulator loaded with the recorded workload, over real
 * HTTP: its CSV and JSON equal balsam.analytics' recorded outputs, and bad parameters are clear
 * 400s.
 */
class ReportApiTest {
  private static SimHarness balsam;
  private static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    balsam = SimHarness.withDevFixtures();
    exporter = Exporter.start(balsam.config(100), balsam.clock);
    assertThat(exporter.awaitReady(Duration.ofSeconds(60))).isTrue();
  }

  @AfterAll
  static void stop() {
    exporter.close();
    balsam.close();
  }

  static final String FIXTURE_CALLS =
      """
      throughput?format=csv                                       | throughput_JOB_FINISHED.csv
      throughput?format=csv&to_state=RUN_DONE                     | throughput_RUN_DONE.csv
      utilization?format=csv                                      | utilization_nodes.csv
      utilization?format=csv&node_weighting=false                 | utilization_jobs.csv
      available-nodes?format=csv                                  | available_nodes.csv
      throughput?format=csv&scheduler_id=6112789                  | throughput_JOB_FINISHED_scheduler_6112789.csv
      throughput?format=csv&scheduler_id=6112789&to_state=RUN_DONE | throughput_RUN_DONE_scheduler_6112789.csv
      utilization?format=csv&scheduler_id=6112789                 | utilization_nodes_scheduler_6112789.csv
      utilization?format=csv&scheduler_id=6112789&node_weighting=false | utilization_jobs_scheduler_6112789.csv
      available-nodes?format=csv&scheduler_id=6112789             | available_nodes_scheduler_6112789.csv
      throughput?format=csv&tag=experiment:md-lipid               | throughput_JOB_FINISHED_tag_experiment_md-lipid.csv
      throughput?format=csv&tag=experiment:md-lipid&to_state=RUN_DONE | throughput_RUN_DONE_tag_experiment_md-lipid.csv
      utilization?format=csv&tag=experiment:md-lipid              | utilization_nodes_tag_experiment_md-lipid.csv
      utilization?format=csv&tag=experiment:md-lipid&node_weighting=false | utilization_jobs_tag_experiment_md-lipid.csv
      available-nodes?format=csv&tag=experiment:md-lipid          | available_nodes_tag_experiment_md-lipid.csv
      utilization?format=csv&batch_job_id=1                       | adapter/utilization_nodes_scheduler_6112789.csv
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = FIXTURE_CALLS, delimiter = '|')
  void csvEqualsBalsamsRecordedReport(String call, String csv) {
    HttpResponse<byte[]> response = Http.get(exporter.port(), "/api/v1/reports/" + call);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/csv");
    ExpectedCsv.assertCsvAgrees(Http.text(response), csv);
  }

  @Test
  void jsonCarriesTheReportItsFiltersAndThePoints() throws Exception {
    HttpResponse<byte[]> response =
        Http.get(
            exporter.port(),
            "/api/v1/reports/utilization?scheduler_id=6112789&tag=experiment:md-lipid");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode json = new ObjectMapper().readTree(response.body());
    assertThat(json.get("report").asText()).isEqualTo("utilization");
    assertThat(json.get("filters").toString())
        .isEqualTo(
            "{\"node_weighting\":true,\"scheduler_id\":6112789,\"tag\":[\"experiment:md-lipid\"]}");
    HttpResponse<byte[]> csv =
        Http.get(
            exporter.port(),
            "/api/v1/reports/utilization?format=csv&scheduler_id=6112789&tag=experiment:md-lipid");
    List<String> rows = Http.text(csv).lines().skip(1).toList();
    assertThat(json.get("points")).hasSize(rows.size()).isNotEmpty();
    for (int i = 0; i < rows.size(); i++) {
      String[] row = rows.get(i).split(",");
      JsonNode point = json.get("points").get(i);
      assertThat(point.get("time").asText()).isEqualTo(row[0]);
      assertThat(point.get("value").asDouble())
          .isCloseTo(Double.parseDouble(row[1]), within(1e-12));
    }
  }

  @Test
  void throughputValuesAreIntegersInJson() throws Exception {
    JsonNode json =
        new ObjectMapper().readTree(Http.get(exporter.port(), "/api/v1/reports/throughput").body());
    assertThat(json.get("filters").toString()).isEqualTo("{\"to_state\":\"JOB_FINISHED\"}");
    assertThat(json.get("points").get(0).get("value").isIntegralNumber()).isTrue();
    assertThat(json.get("points")).hasSize(105);
  }

  @Test
  void pngIsAPictureOfTheReport() throws Exception {
    HttpResponse<byte[]> response =
        Http.get(exporter.port(), "/api/v1/reports/utilization?format=png&scheduler_id=6112789");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
    assertThat(image.getWidth()).isEqualTo(900);
    assertThat(image.getHeight()).isEqualTo(500);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
          throughput?to_state=DONE                      | 400 | unknown job state "DONE" for to_state
          utilization?node_weighting=yes                | 400 | node_weighting must be true or false
          throughput?scheduler_id=0                     | 400 | scheduler_id must be a positive integer
          throughput?job_id=abc                         | 400 | job_id must be a positive integer
          throughput?tag=experiment                     | 400 | tag must be key:value
          throughput?since=yesterday                    | 400 | since must be an ISO-8601 time
          throughput?since=2026-11-27&until=2026-11-26  | 400 | since must be an ISO-8601 time
          throughput?since=2026-11-27T00:00:00&until=2026-11-26T00:00:00 | 400 | since is after until
          throughput?format=svg                         | 400 | format must be json, csv or png
          throughput?site=nowhere                       | 400 | no site named "nowhere"; sites: perlmutter-xpcs, polaris-md
          throughput?to_state=RUN_DONE&to_state=FAILED  | 400 | to_state is given more than once
          throughput?colour=blue                        | 400 | unknown parameter colour
          latency                                       | 404 | no report named "latency"
          """,
      delimiter = '|')
  void badParametersAreClearErrors(String call, int status, String message) {
    HttpResponse<byte[]> response = Http.get(exporter.port(), "/api/v1/reports/" + call);
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(Http.text(response)).contains(message);
  }

  @Test
  void theLandingPageLinksToTheReportsPage() {
    assertThat(Http.text(Http.get(exporter.port(), "/"))).contains("href=\"reports\"");
    assertThat(Http.text(Http.get(exporter.port(), "/reports"))).contains("api/v1/reports/");
  }
}

package io.balsamexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.Exporter;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.testing.Chromium;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The /failures page in headless Chromium and the API behind it: the groups the API gives, under
 * the filters in the page's address, job ids linked to their events, and an error tail that looks
 * like markup shown as text, never run. Screenshots go to target/screenshots for a person to look
 * at.
 */
class FailuresPageTest {
  private static final String HOSTILE_TAIL =
      "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>"
          + "\nSegmentation fault (core dumped)";

  private static SimHarness balsam;
  private static Exporter exporter;
  private static long hostileJob;

  @BeforeAll
  static void start() throws Exception {
    Chromium.require();
    balsam = SimHarness.withDevFixtures();
    hostileJob = DevFixture.jobIdsIn("PREPROCESSED", 1).get(0);
    Instant at = SimHarness.RECORDED_AT.minusSeconds(30);
    balsam.writes.updateJobs(
        List.of(JobUpdate.state(hostileJob, "RUNNING", at, Map.of("num_nodes", 1.0))));
    balsam.writes.updateJobs(
        List.of(
            JobUpdate.state(
                hostileJob,
                "RUN_ERROR",
                at.plusSeconds(5),
                Map.of("returncode", 139, "error", HOSTILE_TAIL))));
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

  private static String url(String path) {
    return "http://127.0.0.1:" + exporter.port() + path;
  }

  private static JsonNode api(String query) throws Exception {
    var response = Http.get(exporter.port(), "/api/v1/failures" + query);
    assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static String text(String dom, String id) {
    Matcher m = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(dom);
    assertThat(m.find()).as("element #%s in the page", id).isTrue();
    return m.group(1);
  }

  private static void screenshot(String path, String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Chromium.screenshot(url(path), dir.resolve(name));
  }

  @Test
  void thePageShowsTheApisGroupsWithJobLinksAndTheTailAsText() throws Exception {
    JsonNode all = api("");
    // The dev fixture's RUN_ERROR and two preprocess failures, and the one written here.
    assertThat(all.get("total").asLong()).isEqualTo(4);
    String dom = Chromium.dumpDom(url("/failures"));
    screenshot("/failures", "failures.png");

    assertThat(text(dom, "error")).isEmpty();
    assertThat(text(dom, "total")).isEqualTo(all.get("total").asText());
    assertThat(text(dom, "group-count")).isEqualTo(Integer.toString(all.get("groups").size()));
    // Shown as text: escaped in the DOM, no element made of it, no script run.
    assertThat(dom)
        .contains("&lt;img src=x onerror=\"document.title='pwned'\"&gt;&lt;script&gt;")
        .doesNotContain("<img src=\"x\"")
        .doesNotContain("<title>pwned</title>");
    assertThat(dom).contains("<title>balsam-exporter failures</title>");
    assertThat(dom)
        .contains("<a href=\"api/v1/events?job_id=" + hostileJob + "\" class=\"job\">")
        .contains(">139<");
    for (JsonNode group : all.get("groups")) {
      for (JsonNode id : group.get("job_ids")) {
        assertThat(dom).contains("api/v1/events?job_id=" + id.asLong() + "\"");
      }
    }
  }

  @Test
  void theFiltersInTheAddressGoToTheApiAndIntoTheForm() throws Exception {
    String query = "?site=polaris-md&app=SimulateMD";
    JsonNode filtered = api(query);
    assertThat(filtered.get("total").asLong()).isEqualTo(1);
    assertThat(filtered.get("groups").get(0).get("returncode").asText()).isEqualTo("134");

    String dom = Chromium.dumpDom(url("/failures" + query));
    screenshot("/failures" + query, "failures-filtered.png");

    assertThat(text(dom, "total")).isEqualTo("1");
    assertThat(dom).contains("MPICH ERROR [Rank 17]");
    assertThat(dom).doesNotContain("pwned");
  }

  @Test
  void aBadFilterShowsTheApisError() throws Exception {
    var response = Http.get(exporter.port(), "/api/v1/failures?site=nowhere");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.text(response)).contains("no site named \"nowhere\"");
    assertThat(Http.get(exporter.port(), "/api/v1/failures?app=Nope").statusCode()).isEqualTo(400);
    assertThat(Http.text(Http.get(exporter.port(), "/api/v1/failures?colour=red")))
        .contains("unknown parameter colour");

    String dom = Chromium.dumpDom(url("/failures?site=nowhere"));
    assertThat(text(dom, "error")).contains("no site named \"nowhere\"");
    assertThat(text(dom, "total")).isEqualTo("-");
  }

  @Test
  void aTimeRangeCountsOnlyTheFailuresInIt() throws Exception {
    JsonNode all = api("");
    String since =
        URLEncoder.encode(
            SimHarness.RECORDED_AT.minusSeconds(60).toString(), StandardCharsets.UTF_8);
    JsonNode recent = api("?since=" + since);
    assertThat(recent.get("total").asLong()).isEqualTo(1);
    assertThat(recent.get("groups").get(0).get("job_ids").get(0).asLong()).isEqualTo(hostileJob);
    assertThat(all.get("groups").get(0).get("last").asText())
        .isEqualTo(recent.get("groups").get(0).get("last").asText());
  }

  @Test
  void theDashboardsLinkWithGrafanasIsoTimesAndTheJobLinksReachTheEventsApi() throws Exception {
    // Grafana's ${__from:date:iso} gives milliseconds and a Z.
    JsonNode linked =
        api("?app=TrainSurrogate&since=2026-11-26T09:24:28.850Z&until=2026-11-26T09:30:00.000Z");
    assertThat(linked.get("total").asLong()).isEqualTo(1);
    long job = linked.get("groups").get(0).get("job_ids").get(0).asLong();
    var events = Http.get(exporter.port(), "/api/v1/events?job_id=" + job);
    assertThat(events.statusCode()).as(Http.text(events)).isEqualTo(200);
    assertThat(Http.text(events)).contains("\"RUN_ERROR\"").contains("\"job_id\":" + job);
  }

  @Test
  void theLandingAndReportsPagesLinkToFailures() throws Exception {
    assertThat(Http.text(Http.get(exporter.port(), "/"))).contains("href=\"failures\"");
    assertThat(Http.text(Http.get(exporter.port(), "/reports"))).contains("href=\"failures\"");
  }
}

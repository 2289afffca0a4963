package io.balsamexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Exporter;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The exporter's endpoints, over real HTTP, after a sync of the recorded dev workload. */
class ExporterServerTest {
  private static SimHarness balsam;
  private static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    balsam = SimHarness.withDevFixtures();
    exporter = Exporter.start(balsam.config(10_000), balsam.clock);
    assertThat(exporter.awaitReady(Duration.ofSeconds(60))).isTrue();
  }

  @AfterAll
  static void stop() {
    exporter.close();
    balsam.close();
  }

  @Test
  void theLandingPageLinksToMetricsAndHealth() {
    String page = Http.text(Http.get(exporter.port(), "/"));
    assertThat(page).contains("href=\"metrics\"", "href=\"-/healthy\"", "href=\"-/ready\"");
  }

  @Test
  void metricsSpeakThePrometheusTextFormatByDefault() {
    HttpResponse<byte[]> response = Http.get(exporter.port(), "/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("text/plain");
    assertThat(Http.text(response))
        .contains("# TYPE balsam_job_transitions_total counter")
        .contains("balsam_up 1.0");
  }

  @Test
  void metricsSpeakOpenMetricsWhenAskedTo() {
    HttpResponse<byte[]> response =
        Http.get(
            exporter.port(), "/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/openmetrics-text");
    assertThat(Http.text(response)).endsWith("# EOF\n");
  }

  @Test
  void metricsSpeakProtobufWhenAskedTo() {
    HttpResponse<byte[]> response =
        Http.get(
            exporter.port(),
            "/metrics",
            "Accept",
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");
    assertThat(response.headers().firstValue("Content-Type"))
        .get()
        .asString()
        .startsWith("application/vnd.google.protobuf");
    assertThat(response.body()).isNotEmpty();
  }

  @Test
  void metricsAreGzippedWhenTheScraperAcceptsIt() throws IOException {
    HttpResponse<byte[]> response =
        Http.get(exporter.port(), "/metrics", "Accept-Encoding", "gzip");
    assertThat(response.headers().firstValue("Content-Encoding")).contains("gzip");
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .contains("balsam_job_transitions_total");
    }
  }

  @Test
  void healthAndReadinessAnswerOk() {
    assertThat(Http.get(exporter.port(), "/-/healthy").statusCode()).isEqualTo(200);
    assertThat(Http.get(exporter.port(), "/-/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void anExporterWhoseBalsamIsDownIsHealthyButNotReadyAndExportsNoDomainMetrics() throws Exception {
    try (SimHarness down = SimHarness.withDevFixtures()) {
      down.simulator.faults().down();
      try (Exporter waiting = Exporter.start(down.config(10_000), down.clock)) {
        assertThat(Http.get(waiting.port(), "/-/healthy").statusCode()).isEqualTo(200);
        assertThat(Http.get(waiting.port(), "/-/ready").statusCode()).isEqualTo(503);
        assertThat(waiting.awaitFirstPoll(Duration.ofSeconds(30))).isTrue();
        assertThat(Http.text(Http.get(waiting.port(), "/-/ready")))
            .startsWith("Not ready: Balsam is unreachable (")
            .doesNotContain("first sync of the event history is running");
        assertThat(Http.text(Http.get(waiting.port(), "/metrics")))
            .contains("balsam_exporter_build_info")
            .doesNotContain("balsam_job_transitions_total")
            // Unknown until a login: absent, not a misleading 0.
            .doesNotContainPattern("(?m)^balsam_exporter_token_expiry_timestamp_seconds ");
      }
    }
  }

  @Test
  void anExporterWhoseLoginIsRefusedSaysSoOnReadiness() throws Exception {
    try (SimHarness balsam = SimHarness.withDevFixtures()) {
      io.balsamexporter.config.ExporterConfig wrongPassword =
          io.balsamexporter.testing.TestConfigs.loopback(
              java.util.Optional.of(balsam.simulator.baseUrl()),
              new io.balsamexporter.balsam.Credentials.Password(SimHarness.USER, "wrong"),
              10_000,
              Duration.ofSeconds(5),
              0);
      try (Exporter refused = Exporter.start(wrongPassword, balsam.clock)) {
        assertThat(refused.awaitFirstPoll(Duration.ofSeconds(30))).isTrue();
        assertThat(Http.text(Http.get(refused.port(), "/-/ready")))
            .startsWith("Not ready: Balsam refuses the login (")
            .doesNotContain("wrong");
        assertThat(Http.text(Http.get(refused.port(), "/metrics")))
            .containsPattern("(?m)^balsam_up 0");
      }
    }
  }

  @Test
  void readinessAnswersAtOnceWhileASlowFirstSyncRuns() throws Exception {
    try (SimHarness slow = SimHarness.withDevFixtures()) {
      // Each request takes 3 s, so the first sync takes about 20 s: a readiness probe that
      // waited for it would get its answer only then, as 200.
      slow.simulator.faults().slow(Duration.ofSeconds(3));
      try (Exporter syncing = Exporter.start(slow.config(10_000), slow.clock)) {
        assertThat(Http.get(syncing.port(), "/-/ready").statusCode()).isEqualTo(503);
        assertThat(Http.get(syncing.port(), "/-/healthy").statusCode()).isEqualTo(200);
      }
    }
  }
}

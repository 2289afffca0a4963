package io.balsamexporter.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.testing.PrometheusServer;
import io.balsamexporter.testing.Promtool;
import io.balsamexporter.testing.SimHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill test: the dev workload backfilled from the simulator, imported by the real
 * promtool, served by the real Prometheus, and its range queries compared point for point with
 * balsam.analytics' recorded reports of the same workload.
 */
class BackfillOnPrometheusTest {
  private static final Duration STEP = Duration.ofSeconds(1);

  @TempDir static Path dir;
  static BackfillRun run;
  static Promtool.Result imported;
  static PrometheusServer prometheus;
  static List<Long> steps;

  @BeforeAll
  static void backfillImportAndServe() throws Exception {
    Promtool.require();
    try (SimHarness sim = SimHarness.withDevFixtures()) {
      run = BackfillRun.against(sim, dir, "--step=1s");
    }
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    steps = run.samples().steps();
    Path blocks = dir.resolve("blocks");
    imported =
        Promtool.run(
            "",
            "tsdb",
            "create-blocks-from",
            "openmetrics",
            run.out().toString(),
            blocks.toString());
    assertThat(imported.exitCode()).as(imported.output()).isZero();
    Path config = Files.writeString(dir.resolve("prometheus.yml"), "scrape_configs: []\n");
    // The blocks lie in the past: the default retention (15d) would delete them on startup.
    prometheus =
        PrometheusServer.start(config, blocks, dir, List.of("--storage.tsdb.retention.time=100y"));
  }

  @AfterAll
  static void stop() {
    if (prometheus != null) {
      prometheus.close();
    }
  }

  @Test
  void promtoolImportsEverySampleTheBackfillWrote() throws Exception {
    Promtool.Result listed = Promtool.run("", "tsdb", "list", dir.resolve("blocks").toString());
    assertThat(listed.exitCode()).as(listed.output()).isZero();
    long samples = 0;
    for (String line : listed.output().split("\n")) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length >= 8 && cells[4].matches("\\d+")) {
        samples += Long.parseLong(cells[4]);
      }
    }
    assertThat(samples).isEqualTo(run.samples().samples().size()).isGreaterThan(10_000);
    assertThat(run.stderr()).contains("wrote " + samples + " samples");
  }

  @Test
  void runningJobNodesSummedOverSitesEqualTheNodeWeightedUtilizationReport() {
    ReportCsv report = ReportCsv.of("utilization_nodes.csv");
    List<double[]> points = range("sum(balsam_running_job_nodes)");
    assertThat(points).hasSize(steps.size());
    for (double[] point : points) {
      Instant at = Instant.ofEpochMilli((long) Math.round(point[0] * 1000));
      assertThat(point[1]).as("nodes at %s", at).isCloseTo(report.at(at), within(1e-9));
    }
    assertThat(points).anyMatch(p -> p[1] > 10);
  }

  @Test
  void finishedTransitionsSummedEqualTheThroughputReport() {
    ReportCsv report = ReportCsv.of("throughput_JOB_FINISHED.csv");
    List<double[]> points = range("sum(balsam_job_transitions_total{to_state=\"JOB_FINISHED\"})");
    assertThat(points).hasSize(steps.size());
    for (double[] point : points) {
      Instant at = Instant.ofEpochMilli((long) Math.round(point[0] * 1000));
      assertThat(point[1]).as("finished by %s", at).isEqualTo(report.at(at));
    }
    assertThat(points.get(points.size() - 1)[1]).isEqualTo(105.0);
  }

  /** A range query over every step; each point as {seconds, value}. */
  private static List<double[]> range(String expr) {
    Instant start = Instant.ofEpochMilli(steps.get(0));
    Instant end = Instant.ofEpochMilli(steps.get(steps.size() - 1));
    JsonNode answer = prometheus.queryRange(expr, start, end, STEP);
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("success");
    JsonNode result = answer.path("data").path("result");
    assertThat(result.size()).as(answer.toString()).isEqualTo(1);
    List<double[]> points = new ArrayList<>();
    for (JsonNode value : result.get(0).get("values")) {
      points.add(new double[] {value.get(0).asDouble(), Double.parseDouble(value.get(1).asText())});
    }
    return points;
  }
}

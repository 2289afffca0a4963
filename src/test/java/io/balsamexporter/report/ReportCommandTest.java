package io.balsamexporter.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.testing.ExpectedCsv;
import io.balsamexporter.testing.SimHarness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code balsam-exporter report …} against the simulator loaded with the recorded workload: its CSV
 * equals balsam.analytics' recorded outputs, and every failure is one line and a non-zero exit.
 */
class ReportCommandTest {
  private static final Map<String, String> ENV =
      Map.of("BALSAM_EXPORTER_BALSAM_PASSWORD", SimHarness.PASSWORD);
  private static SimHarness balsam;

  @BeforeAll
  static void start() {
    balsam = SimHarness.withDevFixtures();
  }

  @AfterAll
  static void stop() {
    balsam.close();
  }

  private record Run(int exit, String out, String err) {}

  private static Run report(String... flags) {
    List<String> args = new ArrayList<>(List.of(flags));
    args.add("--balsam.url=" + balsam.simulator.baseUrl());
    args.add("--balsam.username=" + SimHarness.USER);
    args.add("--balsam.page-size=50");
    return runRaw(args.toArray(String[]::new));
  }

  private static Run runRaw(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        ReportCommand.run(
            args,
            ENV,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
          throughput                                         | throughput_JOB_FINISHED.csv
          throughput --to-state=RUN_DONE                     | throughput_RUN_DONE.csv
          utilization                                        | utilization_nodes.csv
          utilization --node-weighting=false                 | utilization_jobs.csv
          available-nodes                                    | available_nodes.csv
          throughput --scheduler-id=6112789                  | throughput_JOB_FINISHED_scheduler_6112789.csv
          throughput --scheduler-id 6112789 --to-state RUN_DONE | throughput_RUN_DONE_scheduler_6112789.csv
          utilization --scheduler-id=6112789                 | utilization_nodes_scheduler_6112789.csv
          utilization --scheduler-id=6112789 --node-weighting=false | utilization_jobs_scheduler_6112789.csv
          available-nodes --scheduler-id=6112789             | available_nodes_scheduler_6112789.csv
          throughput --tag=experiment:md-lipid               | throughput_JOB_FINISHED_tag_experiment_md-lipid.csv
          throughput --tag=experiment:md-lipid --to-state=RUN_DONE | throughput_RUN_DONE_tag_experiment_md-lipid.csv
          utilization --tag=experiment:md-lipid              | utilization_nodes_tag_experiment_md-lipid.csv
          utilization --tag=experiment:md-lipid --node-weighting=false | utilization_jobs_tag_experiment_md-lipid.csv
          available-nodes --tag=experiment:md-lipid          | available_nodes_tag_experiment_md-lipid.csv
          utilization --batch-job-id=1                       | adapter/utilization_nodes_scheduler_6112789.csv
          throughput --batch-job-id=1 --site=polaris-md      | adapter/throughput_JOB_FINISHED_scheduler_6112789.csv
          """,
      delimiter = '|')
  void csvEqualsBalsamsRecordedReport(String command, String csv) {
    Run run = report(command.trim().split("\\s+"));
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    ExpectedCsv.assertCsvAgrees(run.out(), csv);
  }

  @Test
  void progressAskedForGoesToStandardErrorAndLeavesTheReportAlone() {
    Run plain = report("throughput");
    Run shown = report("throughput", "--progress");
    assertThat(shown.exit()).isZero();
    assertThat(shown.out()).isEqualTo(plain.out());
    assertThat(shown.err())
        .startsWith("\rbalsam-exporter report: 50 events read, up to 2026-")
        .matches("(?s).*\rbalsam-exporter report: [0-9,]+ events read\n");
  }

  @Test
  void outWritesTheReportToAFileAndJsonAndPngAreThere(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("report.json");
    assertThat(report("utilization", "--format=json", "--out=" + json).exit()).isZero();
    JsonNode parsed = new ObjectMapper().readTree(json.toFile());
    assertThat(parsed.get("report").asText()).isEqualTo("utilization");
    assertThat(parsed.get("points")).hasSize(251);

    Path png = dir.resolve("report.png");
    assertThat(report("utilization", "--format=png", "--out=" + png).exit()).isZero();
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G');
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          throughput --to-state=DONE            | unknown job state "DONE" for to_state
          latency                               | unknown report "latency"
          throughput --site=nowhere             | no site named "nowhere"
          throughput --tag=experiment           | tag must be key:value
          throughput --balsam.colour=blue       | unknown flag --balsam.colour
          throughput --job-id                   | --job-id needs a value
          """,
      delimiter = '|')
  void aBadCommandLineIsOneLineAndExitTwo(String command, String message) {
    Run run = report(command.trim().split("\\s+"));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("balsam-exporter report: ").contains(message);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void anUnreachableServerIsOneLineAndExitOne() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Run run =
        runRaw(
            "throughput",
            "--balsam.url=http://127.0.0.1:" + port,
            "--balsam.username=dev",
            "--balsam.retries=0",
            "--balsam.timeout=2s");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("balsam-exporter report: ");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void withoutAServerItSaysWhatToGive() {
    Run run = runRaw("throughput");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no Balsam server", "--balsam.url");
  }

  @Test
  void liveAddsARunningBatchJobThatBalsamGaveAStartTimeUpToNow() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode before = json.readTree(report("available-nodes", "--format=json").out()).get("points");
    io.balsamexporter.balsam.BatchJob running =
        balsam.store.read(
            d ->
                d.batchJobs.values().stream()
                    .filter(b -> b.state().equals("running") && b.startTime() == null)
                    .findFirst()
                    .orElseThrow());
    java.time.Instant start = balsam.clock.instant().minusSeconds(600);
    // Started, not ended: every other report of this class skips it, as Balsam's own does.
    balsam.writes.updateBatchJob(
        new io.balsamexporter.sim.store.BatchJobUpdate(
            running.id(), null, null, null, start, null));
    JsonNode still = json.readTree(report("available-nodes", "--format=json").out());
    Run live = report("available-nodes", "--live", "--format=json");
    assertThat(live.err()).isEmpty();
    JsonNode points = json.readTree(live.out()).get("points");

    // Balsam's own report still skips it, lacking an end time; the live one draws it.
    assertThat(still.get("points")).isEqualTo(before);
    assertThat(json.readTree(live.out()).get("filters").get("live").asBoolean()).isTrue();
    assertThat(points).hasSize(before.size() + 2);
    JsonNode last = points.get(points.size() - 1);
    assertThat(java.time.Instant.parse(last.get("time").asText())).isAfter(start);
  }
}

package io.balsamexporter.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.testing.SimHarness;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backfill command's flags, window and errors, as a user meets them. */
class BackfillCommandTest {
  @TempDir Path dir;

  @Test
  void helpNamesTheBackfillFlagsTheBalsamFlagsAndWhatIsNotBackfilled() {
    BackfillRun run = BackfillRun.run(dir.resolve("unused"), "--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains("--out=FILE", "--since=T", "--until=T", "--step=D", "--balsam.url")
        .contains("--balsam.password-file", "Not backfilled", "balsam_batch_jobs");
  }

  @Test
  void aMissingOutFlagIsOneLineAndExitCodeTwo() {
    BackfillRun run = BackfillRun.run(dir.resolve("unused"), "--balsam.url=http://127.0.0.1:1");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stderr()).startsWith("balsam-exporter backfill: --out=FILE is required");
  }

  @Test
  void badTimesStepsAndUnknownFlagsExitWithTwo() {
    Path out = dir.resolve("x.om");
    for (List<String> args :
        List.of(
            List.of("--out=" + out, "--since=yesterday"),
            List.of("--out=" + out, "--step=fast"),
            List.of("--out=" + out, "--step=0s"),
            List.of("--out=" + out, "--since=2026-11-26T10:00:00Z", "--until=2026-11-26T09:00:00Z"),
            List.of("--out=" + out, "--balsam.url=http://127.0.0.1:1", "--balsam.nope=1"),
            List.of("--out=" + out, "--label=site=x"),
            List.of("--out=" + out, "--label=job"),
            List.of("--out=" + out, "--demo"))) {
      BackfillRun run = BackfillRun.run(out, args.toArray(String[]::new));
      assertThat(run.exitCode()).as("%s: %s", args, run.stderr()).isEqualTo(2);
      assertThat(run.stderr().lines().findFirst().orElseThrow())
          .startsWith("balsam-exporter backfill: ");
    }
    assertThat(out).doesNotExist();
  }

  @Test
  void anUnreachableServerIsOneLineAndExitCodeOne() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Path token = Files.writeString(dir.resolve("token"), "not-a-real-token\n");
    Path out = dir.resolve("x.om");
    BackfillRun run =
        BackfillRun.run(
            out,
            "--out=" + out,
            "--balsam.url=http://127.0.0.1:" + closedPort,
            "--balsam.token-file=" + token,
            "--balsam.retries=0");
    assertThat(run.exitCode()).as(run.stderr()).isEqualTo(1);
    assertThat(run.stderr()).startsWith("balsam-exporter backfill: cannot read Balsam: ");
    assertThat(run.stderr().lines().count()).isEqualTo(1);
    assertThat(out).doesNotExist();
  }

  @Test
  void sinceAndUntilBoundTheStepsButEarlierEventsStillCount() throws IOException {
    Instant since = Instant.parse("2026-11-26T09:10:00Z");
    Instant until = Instant.parse("2026-11-26T09:11:00Z");
    OpenMetricsSamples file;
    try (SimHarness sim = SimHarness.withDevFixtures()) {
      BackfillRun run =
          BackfillRun.against(sim, dir, "--since=" + since, "--until=" + until, "--step=15s");
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      file = run.samples();
    }
    assertThat(file.steps())
        .containsExactly(
            since.toEpochMilli(),
            since.plusSeconds(15).toEpochMilli(),
            since.plusSeconds(30).toEpochMilli(),
            since.plusSeconds(45).toEpochMilli(),
            until.toEpochMilli());
    ReportCsv throughput = ReportCsv.of("throughput_JOB_FINISHED.csv");
    Map<Long, Double> finished =
        file.sumPerTime(
            "balsam_job_transitions_total", l -> "JOB_FINISHED".equals(l.get("to_state")));
    assertThat(finished.get(since.toEpochMilli())).isEqualTo(throughput.at(since)).isPositive();
    assertThat(finished.get(until.toEpochMilli())).isEqualTo(throughput.at(until));
  }

  @Test
  void extraLabelsGoOnEverySeriesSoTheDashboardsJobVariableFindsThem() throws IOException {
    OpenMetricsSamples file;
    try (SimHarness sim = SimHarness.withDevFixtures()) {
      BackfillRun run =
          BackfillRun.against(
              sim, dir, "--step=1m", "--label=job=balsam-dev", "--label", "instance=host:10064");
      assertThat(run.exitCode()).as(run.stderr()).isZero();
      file = run.samples();
    }
    assertThat(file.samples())
        .isNotEmpty()
        .allSatisfy(
            s ->
                assertThat(s.labels())
                    .containsEntry("job", "balsam-dev")
                    .containsEntry("instance", "host:10064"));
  }

  @Test
  void epochSecondsAndNaiveTimesAreUtc() throws Exception {
    assertThat(BackfillOptions.time("--since", "1795683960"))
        .isEqualTo(Instant.parse("2026-11-26T09:06:00Z"));
    assertThat(BackfillOptions.time("--since", "2026-11-26T09:06:00"))
        .isEqualTo(Instant.parse("2026-11-26T09:06:00Z"));
    assertThat(BackfillOptions.time("--since", "2026-11-26T10:06:00.1234+01:00"))
        .isEqualTo(Instant.parse("2026-11-26T09:06:00.123Z"));
  }
}

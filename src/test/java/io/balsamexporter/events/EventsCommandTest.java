package io.balsamexporter.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.testing.EventsBed;
import io.balsamexporter.testing.SimHarness;
import io.balsamexporter.testing.StoreEvents;
import io.balsamexporter.webconfig.PemCertificates;
import io.balsamexporter.webconfig.WebGate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code events} command asking a running exporter the guide's EventLog queries; the expected
 * answers are worked out from the simulator's tables. With {@code --follow}, late events reaching
 * Balsam between two of its requests are printed as the exporter counts them.
 */
class EventsCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private EventsBed bed;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    bed = new EventsBed(SimHarness.withDevFixtures());
    bed.lateRestart(51, Instant.parse("2026-11-26T09:09:00Z"));
    bed.lateRestart(120, Instant.parse("2026-11-26T09:10:30Z"));
    assertThat(bed.poll().failure()).isEmpty();
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  private int events(EventsCommand.Pacer pacer, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--exporter.url=http://127.0.0.1:" + bed.port());
    return EventsCommand.run(
        all.toArray(String[]::new),
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        pacer);
  }

  private int events(String... args) {
    return events(interval -> Thread.currentThread().interrupt(), args);
  }

  private List<JsonNode> jsonLines() throws Exception {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      rows.add(JSON.readTree(line));
    }
    return rows;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          --tag=experiment:md-lipid                         | tags=experiment:md-lipid
          --job-id=51 --job-id=52 --job-id=53               | job_id=51&job_id=52&job_id=53
          --batch-job-id=1                                  | batch_job_id=1
          --scheduler-id=6112789                            | scheduler_id=6112789
          --from-state=RESTART_READY --to-state=RUNNING     | from_state=RESTART_READY&to_state=RUNNING
          --since=2026-11-25T09:25:28.850018                | timestamp_after=2026-11-25T09:25:28.850018
          --to-state=RUN_ERROR                              | to_state=RUN_ERROR
          """,
      delimiter = '|')
  void eachGuideQueryPrintsTheNewestMatchesAsTheStoreHasThem(String flags, String query)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(flags.split(" ")));
    args.add("--format=jsonl");
    args.add("--limit=150");
    assertThat(events(args.toArray(String[]::new))).as(err.toString()).isZero();
    List<Long> expected =
        StoreEvents.matching(bed.balsam.store, params(query)).stream()
            .limit(150)
            .map(e -> e.event().id())
            .toList();
    assertThat(jsonLines().stream().map(r -> r.get("id").asLong()).toList())
        .isEqualTo(expected)
        .isNotEmpty();
  }

  @Test
  void aLimitOverOnePageIsReadPageByPage() throws Exception {
    assertThat(events("--format=jsonl", "--limit=12000", "--ordering=timestamp")).isZero();
    List<Long> expected =
        StoreEvents.matching(bed.balsam.store, Map.of("ordering", List.of("timestamp"))).stream()
            .map(e -> e.event().id())
            .toList();
    assertThat(jsonLines().stream().map(r -> r.get("id").asLong()).toList()).isEqualTo(expected);
  }

  @Test
  void theTableReadsLikeBalsamJobLsOneAlignedLineAnEventInUtc() {
    assertThat(events("--job-id=51", "--limit=3", "--ordering=timestamp")).isZero();
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0))
        .startsWith("TIMESTAMP (UTC)")
        .contains("EVENT", "JOB", "SITE", "APP", "FROM_STATE", "TO_STATE", "TAGS", "DATA");
    int column = lines.get(0).indexOf("TO_STATE");
    for (String line : lines.subList(1, 4)) {
      assertThat(line).matches("2026-11-26 \\d\\d:\\d\\d:\\d\\d\\.\\d{6}  .*");
      assertThat(line.substring(column)).doesNotStartWith(" ");
      assertThat(line.charAt(column - 1)).isEqualTo(' ');
    }
    assertThat(lines.get(1))
        .contains("  51  ", "polaris-md", "CREATED", "experiment:md-lipid")
        .endsWith("{}");
  }

  @Test
  void followPrintsLateEventsAsTheExporterCountsThemInTheOrderItCountsThem() throws Exception {
    int[] round = {0};
    List<Long> late = new ArrayList<>();
    EventsCommand.Pacer pacer =
        interval -> {
          round[0]++;
          if (round[0] == 3) {
            throw new InterruptedException("enough");
          }
          long before = bed.balsam.store.read(d -> d.events.size());
          // Stamped days before everything printed so far: a timestamp cursor would never see it.
          bed.lateRestart(60 + round[0], Instant.parse("2026-11-20T12:00:00Z"));
          bed.poll();
          bed.balsam.store.read(
              d -> {
                d.events.subList((int) before, d.events.size()).forEach(e -> late.add(e.id()));
                return null;
              });
        };
    assertThat(events(pacer, "--format=jsonl", "--limit=5", "--follow")).isZero();
    List<Long> printed = jsonLines().stream().map(r -> r.get("id").asLong()).toList();
    List<Long> newest =
        new ArrayList<>(
            StoreEvents.matching(bed.balsam.store, Map.of()).stream()
                .filter(e -> !late.contains(e.event().id()))
                .limit(5)
                .map(e -> e.event().id())
                .toList());
    java.util.Collections.reverse(newest);
    assertThat(late).hasSize(6);
    assertThat(printed).hasSize(11);
    assertThat(printed.subList(0, 5)).as("the newest five, oldest first").isEqualTo(newest);
    // Within a poll the exporter counts in its own order; each poll's events follow the last's.
    assertThat(printed.subList(5, 8)).containsExactlyInAnyOrderElementsOf(late.subList(0, 3));
    assertThat(printed.subList(8, 11)).containsExactlyInAnyOrderElementsOf(late.subList(3, 6));
  }

  @Test
  void followKeepsItsFiltersForTheEventsThatCome() throws Exception {
    int[] round = {0};
    EventsCommand.Pacer pacer =
        interval -> {
          if (++round[0] == 2) {
            throw new InterruptedException("enough");
          }
          bed.lateRestart(61, Instant.parse("2026-11-20T12:00:00Z"));
          bed.lateRestart(62, Instant.parse("2026-11-20T12:00:00Z"));
          bed.poll();
        };
    assertThat(
            events(
                pacer,
                "--format=jsonl",
                "--limit=0",
                "--follow",
                "--to-state=RUN_ERROR",
                "--job-id=62"))
        .isZero();
    List<JsonNode> rows = jsonLines();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("job_id").asLong()).isEqualTo(62);
    assertThat(rows.get(0).get("data").get("error").asText()).isEqualTo(EventsBed.errorTail(62));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      textBlock =
          """
          --to-state=DONE          | 2 | unknown job state "DONE" for to_state
          --colour=blue            | 2 | unknown flag --colour
          --format=yaml            | 2 | --format must be table, csv, jsonl or json
          --format=json --follow   | 2 | use --format=jsonl
          --site=nowhere           | 1 | the exporter answered 400: no site named "nowhere"
          """,
      delimiter = '|')
  void aBadCommandLineOrARefusalIsOneLineAndAnExitCode(String flags, int code, String message) {
    assertThat(events(flags.split(" "))).isEqualTo(code);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(message).hasLineCount(1);
  }

  @Test
  void anExporterThatIsNotThereIsExitOne() {
    int code =
        EventsCommand.run(
            new String[] {"--exporter.url=http://127.0.0.1:1"},
            Map.of(),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach the exporter");
  }

  @Test
  void anExporterBehindTlsAndBasicAuthIsAskedWithItsCaAndAPasswordFromAFileOrTheEnvironment(
      @TempDir Path dir) throws Exception {
    PemCertificates ca = new PemCertificates("events-ca");
    ca.issue(dir, "server");
    Path caFile = ca.writeCa(Files.createDirectory(dir.resolve("client")));
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    String hash = OpenBSDBCrypt.generate("2y", "pw-for-events".toCharArray(), salt, 4);
    Path web = dir.resolve("web.yml");
    Files.writeString(
        web,
        "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
            + "basic_auth_users:\n  operator: '"
            + hash
            + "'\n");
    Path passwordFile = dir.resolve("password");
    Files.writeString(passwordFile, "pw-for-events\n");
    try (EventsBed tls = new EventsBed(SimHarness.withDevFixtures(), 100, WebGate.load(web))) {
      assertThat(tls.poll().failure()).isEmpty();
      String url = "--exporter.url=https://127.0.0.1:" + tls.port();
      String[] fromFile = {
        url,
        "--exporter.ca-file=" + caFile,
        "--exporter.username=operator",
        "--exporter.password-file=" + passwordFile,
        "--job-id=51",
        "--format=jsonl"
      };
      assertThat(EventsCommand.run(fromFile, Map.of(), print(out), print(err)))
          .as(err.toString(StandardCharsets.UTF_8))
          .isZero();
      assertThat(jsonLines()).isNotEmpty().allMatch(r -> r.get("job_id").asLong() == 51);

      out.reset();
      String[] fromEnv = {url, "--job-id=51", "--format=jsonl"};
      Map<String, String> env =
          Map.of(
              "BALSAM_EXPORTER_EXPORTER_CA_FILE", caFile.toString(),
              "BALSAM_EXPORTER_EXPORTER_USERNAME", "operator",
              "BALSAM_EXPORTER_EXPORTER_PASSWORD", "pw-for-events");
      assertThat(EventsCommand.run(fromEnv, env, print(out), print(err))).isZero();
      assertThat(jsonLines()).isNotEmpty();

      String[] wrong = {url, "--exporter.ca-file=" + caFile, "--exporter.username=operator"};
      assertThat(EventsCommand.run(wrong, Map.of(), print(out), print(err))).isEqualTo(1);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("refuses the request (401)")
          .doesNotContain("pw-for-events");
    }
  }

  private static PrintStream print(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  static Map<String, List<String>> params(String query) {
    return io.balsamexporter.testing.EventQueries.params(query);
  }
}

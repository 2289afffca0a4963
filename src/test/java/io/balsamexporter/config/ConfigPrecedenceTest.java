package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.BalsamTarget;
import io.balsamexporter.balsam.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigPrecedenceTest {
  @TempDir Path dir;
  ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(dir);
  }

  @Test
  void withNothingGivenEveryDefaultOfTheRecordApplies() throws Exception {
    ExporterConfig config = fixture.config("--demo");

    assertThat(config.balsam().requestTimeout()).isEqualTo(BalsamTarget.DEFAULT_REQUEST_TIMEOUT);
    assertThat(config.balsam().retries()).isEqualTo(BalsamTarget.DEFAULT_RETRIES);
    assertThat(config.balsam().maxResponseBytes())
        .isEqualTo(BalsamTarget.DEFAULT_MAX_RESPONSE_BYTES)
        .isEqualTo(512L * 1024 * 1024);
    assertThat(config.ingest().pageSize()).isEqualTo(IngestConfig.DEFAULT_PAGE_SIZE);
    assertThat(config.ingest().pollInterval()).isEqualTo(IngestConfig.DEFAULT_POLL_INTERVAL);
    assertThat(config.ingest().lateWindow()).isEqualTo(IngestConfig.DEFAULT_LATE_WINDOW);
    assertThat(config.ingest().eventsSince()).isEmpty();
    assertThat(config.ingest().firstSyncPageSize()).isEqualTo(100_000);
    assertThat(config.ingest().checkInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(config.metrics().jobTagLabels()).isEmpty();
    assertThat(config.metrics().tagValuesLimit()).isEqualTo(MetricsConfig.DEFAULT_TAG_VALUES_LIMIT);
    assertThat(config.metrics().labelValueMaxLength())
        .isEqualTo(MetricsConfig.DEFAULT_LABEL_VALUE_MAX_LENGTH);
    assertThat(config.web().listenHost()).isEmpty();
    assertThat(config.web().listenPort()).isEqualTo(10064);
    assertThat(config.balsam().caFile()).isEmpty();
    assertThat(config.demo()).isTrue();
  }

  @Test
  void aFlagBeatsTheEnvironmentWhichBeatsTheFileWhichBeatsTheDefault() throws Exception {
    Path file =
        fixture.write(
            "exporter.yml",
            """
            balsam:
              page-size: 100
              retries: 1
              poll-interval: 1m
            metrics.tag-values-limit: 7
            """);
    fixture
        .env("BALSAM_EXPORTER_CONFIG_FILE", file.toString())
        .env("BALSAM_EXPORTER_BALSAM_PAGE_SIZE", "200")
        .env("BALSAM_EXPORTER_BALSAM_RETRIES", "2");

    ExporterConfig config = fixture.config("--demo", "--balsam.page-size=300");

    assertThat(config.ingest().pageSize()).as("flag over env and file").isEqualTo(300);
    assertThat(config.balsam().retries()).as("env over file").isEqualTo(2);
    assertThat(config.ingest().pollInterval())
        .as("file over default")
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(config.metrics().tagValuesLimit()).as("dotted key in file").isEqualTo(7);
    assertThat(config.balsam().requestTimeout()).as("default").isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void theConfigFileFlagBeatsItsEnvironmentVariable() throws Exception {
    Path fromEnv = fixture.write("env.yml", "balsam.retries: 1\n");
    Path fromFlag = fixture.write("flag.yml", "balsam.retries: 5\n");
    fixture.env("BALSAM_EXPORTER_CONFIG_FILE", fromEnv.toString());

    assertThat(fixture.config("--demo", "--config.file", fromFlag.toString()).balsam().retries())
        .isEqualTo(5);
  }

  @Test
  void everySettingCanComeFromTheFileAsNestedMappings() throws Exception {
    Path ca = fixture.write("ca.pem", "-----BEGIN CERTIFICATE-----\n");
    Path file =
        fixture.write(
            "exporter.yml",
            """
            balsam:
              url: https://balsam.example.org/api/
              token: file-token
              ca-file: %s
              timeout: 5s
              retries: 0
              max-response-size: 64KiB
              page-size: 1
              poll-interval: 2m
            events:
              late-window: 0s
              since: 2026-11-26T09:00:00
            metrics:
              job-tag-labels: [experiment, stage]
              tag-values-limit: 3
              label-value-max-length: 100
            web:
              listen-address: "127.0.0.1:9999"
            """
                .formatted(ca));

    ExporterConfig config = fixture.config("--config.file=" + file);

    assertThat(config.balsam().url()).contains(URI.create("https://balsam.example.org/api"));
    assertThat(config.balsam().credentials()).isInstanceOf(Credentials.Token.class);
    assertThat(config.balsam().caFile()).contains(ca);
    assertThat(config.balsam().requestTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.balsam().retries()).isZero();
    assertThat(config.balsam().maxResponseBytes()).isEqualTo(64 * 1024);
    assertThat(config.ingest().pageSize()).isEqualTo(1);
    assertThat(config.ingest().pollInterval()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.ingest().lateWindow()).isZero();
    assertThat(config.ingest().eventsSince()).contains(Instant.parse("2026-11-26T09:00:00Z"));
    assertThat(config.metrics().jobTagLabels()).containsExactly("experiment", "stage");
    assertThat(config.metrics().tagValuesLimit()).isEqualTo(3);
    assertThat(config.metrics().labelValueMaxLength()).isEqualTo(100);
    assertThat(config.web().listenHost()).isEqualTo("127.0.0.1");
    assertThat(config.web().listenPort()).isEqualTo(9999);
    assertThat(config.demo()).isFalse();
  }

  @Test
  void nestedAndDottedKeysMixAtAnyDepth() throws Exception {
    Path file =
        fixture.write(
            "exporter.yml",
            """
            balsam.url: http://127.0.0.1:8000
            balsam:
              retries: 4
            events: {late-window: 30s}
            """);

    ExporterConfig config = fixture.config("--config.file", file.toString(), "--balsam.token=t");

    assertThat(config.balsam().url()).contains(URI.create("http://127.0.0.1:8000"));
    assertThat(config.balsam().retries()).isEqualTo(4);
    assertThat(config.ingest().lateWindow()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void unquotedAddressesAndNumbersInTheFileReadAsTheirText() throws Exception {
    Path file =
        fixture.write(
            "exporter.yml", "web.listen-address: :9100\nbalsam.page-size: 500\ndemo: true\n");

    ExporterConfig config = fixture.config("--config.file", file.toString());

    assertThat(config.web().listenHost()).isEmpty();
    assertThat(config.web().listenPort()).isEqualTo(9100);
    assertThat(config.ingest().pageSize()).isEqualTo(500);
    assertThat(config.demo()).isTrue();
  }

  @Test
  void aNullOrEmptyFileLeavesTheDefaults() throws Exception {
    Path empty = fixture.write("empty.yml", "# nothing yet\n");
    Path nulls = fixture.write("nulls.yml", "balsam:\n  retries:\n");

    assertThat(fixture.config("--demo", "--config.file", empty.toString()).balsam().retries())
        .isEqualTo(3);
    assertThat(fixture.config("--demo", "--config.file", nulls.toString()).balsam().retries())
        .isEqualTo(3);
  }

  @Test
  void anEmptyEnvironmentVariableCountsAsUnset() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam.retries: 6\n");
    fixture
        .env("BALSAM_EXPORTER_CONFIG_FILE", file.toString())
        .env("BALSAM_EXPORTER_BALSAM_RETRIES", "");

    assertThat(fixture.config("--demo").balsam().retries()).isEqualTo(6);
  }

  @Test
  void anEmptyFlagClearsTheTagLabelsOfTheFile() throws Exception {
    Path file = fixture.write("exporter.yml", "metrics.job-tag-labels: experiment\n");

    ExporterConfig config =
        fixture.config("--demo", "--config.file", file.toString(), "--metrics.job-tag-labels=");

    assertThat(config.metrics().jobTagLabels()).isEmpty();
  }

  @Test
  void flagsTakeTheirValueAfterAnEqualsSignOrAsTheNextArgument() throws Exception {
    ExporterConfig config =
        fixture.config(
            "--balsam.url", "http://localhost:8000", "--balsam.token=abc", "--balsam.retries", "7");

    assertThat(config.balsam().url()).contains(URI.create("http://localhost:8000"));
    assertThat(config.balsam().retries()).isEqualTo(7);
  }

  @Test
  void tagLabelsAreTrimmedAndKeepTheirOrder() throws Exception {
    ExporterConfig config =
        fixture.config("--demo", "--metrics.job-tag-labels", " stage , experiment,_x1 ");

    assertThat(config.metrics().jobTagLabels()).isEqualTo(List.of("stage", "experiment", "_x1"));
  }

  @Test
  void eventsSinceAcceptsOffsetsEpochSecondsAndAll() throws Exception {
    assertThat(
            fixture
                .config("--demo", "--events.since=2026-11-26T11:00:00+02:00")
                .ingest()
                .eventsSince())
        .contains(Instant.parse("2026-11-26T09:00:00Z"));
    assertThat(
            fixture
                .config("--demo", "--events.since=2026-11-26T09:00:00.250Z")
                .ingest()
                .eventsSince())
        .contains(Instant.parse("2026-11-26T09:00:00.250Z"));
    assertThat(fixture.config("--demo", "--events.since=1795856400").ingest().eventsSince())
        .contains(Instant.ofEpochSecond(1_795_856_400L));
    assertThat(fixture.config("--demo", "--events.since=1795856400.5").ingest().eventsSince())
        .contains(Instant.ofEpochSecond(1_795_856_400L, 500_000_000));
    assertThat(fixture.config("--demo", "--events.since=all").ingest().eventsSince())
        .isEqualTo(Optional.empty());
  }

  @Test
  void anEventsSinceInTheFutureIsAllowedButNoticed() throws Exception {
    ConfigLoader.Outcome.Run run = fixture.run("--demo", "--events.since=2026-11-27T00:00:00");

    assertThat(run.config().ingest().eventsSince()).contains(Instant.parse("2026-11-27T00:00:00Z"));
    assertThat(run.notices())
        .anyMatch(notice -> notice.contains("--events.since is in the future"));
  }
}

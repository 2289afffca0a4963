package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValidationTest {
  @TempDir Path dir;
  ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(dir);
  }

  @ParameterizedTest(name = "{0} gives: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--balsam.poll-interval=0s|--balsam.poll-interval must be at least 1s, got 0s",
        "--balsam.poll-interval=999ms|--balsam.poll-interval must be at least 1s, got 999ms",
        "--balsam.poll-interval=15|--balsam.poll-interval must be a duration like 500ms, 15s, 10m,"
            + " 1h30m or 2d, got 15",
        "--balsam.timeout=0s|--balsam.timeout must be at least 1ms, got 0s",
        "--balsam.timeout=30|--balsam.timeout must be a duration like 500ms, 15s, 10m, 1h30m or 2d,"
            + " got 30",
        "--events.late-window=-1m|--events.late-window must be a duration like 500ms, 15s, 10m,"
            + " 1h30m or 2d, got -1m",
        "--balsam.page-size=200000|--balsam.page-size must be between 1 and 100000, got 200000",
        "--balsam.page-size=0|--balsam.page-size must be between 1 and 100000, got 0",
        "--balsam.page-size=ten|--balsam.page-size must be a whole number, got ten",
        "--balsam.first-sync-page-size=100001|--balsam.first-sync-page-size must be between 1 and"
            + " 100000, got 100001",
        "--events.check-interval=-1h|--events.check-interval must be a duration like 500ms, 15s,"
            + " 10m, 1h30m or 2d, got -1h",
        "--balsam.retries=11|--balsam.retries must be between 0 and 10, got 11",
        "--balsam.retries=-1|--balsam.retries must be between 0 and 10, got -1",
        "--balsam.max-response-size=512MB|--balsam.max-response-size must be a size like 512MiB,"
            + " 64KiB, 1GiB or a number of bytes, got 512MB",
        "--balsam.max-response-size=1000|--balsam.max-response-size must be at least 1KiB, got"
            + " 1000",
        "--balsam.max-response-size=-1MiB|--balsam.max-response-size must be a size like 512MiB,"
            + " 64KiB, 1GiB or a number of bytes, got -1MiB",
        "--metrics.label-value-max-length=31|--metrics.label-value-max-length must be at least"
            + " 32, got 31",
        "--metrics.tag-values-limit=0|--metrics.tag-values-limit must be at least 1, got 0",
        "--demo=yes|--demo must be true or false, got yes",
        "--web.listen-address=10064|--web.listen-address must be [host]:port, e.g. :10064,"
            + " 127.0.0.1:10064 or [::1]:10064, got 10064",
        "--web.listen-address=:70000|--web.listen-address must have a port between 0 and 65535,"
            + " got :70000",
        "--events.since=yesterday|--events.since must be all, epoch seconds or an ISO-8601 time"
            + " such as 2026-11-26T09:00:00 (UTC) or 2026-11-26T11:00:00+02:00, got yesterday",
        "--metrics.job-tag-labels=experiment,stage-name|--metrics.job-tag-labels must list tag keys"
            + " made of letters, digits and _ (not starting with a digit), separated by commas;"
            + " \"stage-name\" is not one, got experiment,stage-name",
        "--metrics.job-tag-labels=1st|--metrics.job-tag-labels must list tag keys made of letters,"
            + " digits and _ (not starting with a digit), separated by commas; \"1st\" is not one,"
            + " got 1st",
        "--metrics.job-tag-labels=a,,b|--metrics.job-tag-labels must list tag keys made of"
            + " letters, digits and _ (not starting with a digit), separated by commas; \"\" is not"
            + " one, got a,,b",
        "--metrics.job-tag-labels=stage,experiment,stage|--metrics.job-tag-labels must not list a"
            + " tag key twice; \"stage\" is repeated, got stage,experiment,stage",
        "--balsam.url=ftp://balsam.example.org|--balsam.url must start with http:// or https://,"
            + " got ftp://balsam.example.org",
        "--balsam.url=balsam.example.org|--balsam.url must start with http:// or https://,"
            + " got balsam.example.org",
        "--balsam.url=http://|--balsam.url must be a URL of the form"
            + " http(s)://host[:port][/prefix], got http://",
        "--balsam.url=https:///jobs|--balsam.url must name a host: http(s)://host[:port][/prefix],"
            + " got https:///jobs",
      })
  void eachRuleIsNamedWithTheFieldAndTheValue(String flag, String message) {
    assertThatThrownBy(() -> fixture.load(flag, "--balsam.token=t"))
        .isInstanceOf(ConfigException.class)
        .hasMessage(message);
  }

  @Test
  void anErrorFromTheEnvironmentSaysWhichVariableToFix() {
    fixture.env("BALSAM_EXPORTER_BALSAM_POLL_INTERVAL", "0s");

    assertThatThrownBy(fixture::load)
        .hasMessage(
            "--balsam.poll-interval must be at least 1s, got 0s"
                + " (set by BALSAM_EXPORTER_BALSAM_POLL_INTERVAL)");
  }

  @Test
  void anErrorFromTheFileSaysWhichKeyOfWhichFileToFix() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam:\n  page-size: 200000\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage(
            "--balsam.page-size must be between 1 and 100000, got 200000"
                + " (set by balsam.page-size in "
                + file
                + ")");
  }

  @Test
  void aBareNumberInTheFileIsRejectedForADurationLikeOnTheCommandLine() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam.poll-interval: 15\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessageStartingWith(
            "--balsam.poll-interval must be a duration like 500ms, 15s, 10m, 1h30m or 2d, got 15");
  }

  @Test
  void aMissingCaFileIsAnErrorBeforeAnythingStarts() {
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(() -> fixture.load("--balsam.ca-file", missing.toString()))
        .hasMessage("--balsam.ca-file names " + missing + ", which is not a file");
  }

  @Test
  void aMissingConfigFileIsAnError() {
    Path missing = dir.resolve("missing.yml");

    assertThatThrownBy(() -> fixture.load("--config.file", missing.toString()))
        .hasMessage("--config.file names " + missing + ", which is not a file");
  }

  @Test
  void aConfigFileThatIsNotAMappingIsAnError() throws Exception {
    Path file = fixture.write("exporter.yml", "- balsam.url\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage("config file " + file + " must be a YAML mapping of settings, got a list");
  }

  @Test
  void brokenYamlGivesTheLineAndTheProblem() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam:\n  url: [http://x\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessageStartingWith("config file " + file + " is not valid YAML: ")
        .hasMessageContaining("(line ");
  }

  @Test
  void aKeyGivenTwiceInTheFileIsAnError() throws Exception {
    Path duplicate = fixture.write("dup.yml", "balsam.retries: 1\nbalsam.retries: 2\n");
    Path bothForms = fixture.write("both.yml", "balsam.retries: 1\nbalsam:\n  retries: 2\n");

    assertThatThrownBy(() -> fixture.load("--config.file", duplicate.toString()))
        .hasMessageStartingWith(
            "config file "
                + duplicate
                + " is not valid YAML: the key balsam.retries is set twice (line 2)");
    assertThatThrownBy(() -> fixture.load("--config.file", bothForms.toString()))
        .hasMessage("balsam.retries is set twice in config file " + bothForms);
  }

  @Test
  void aMappingWhereAValueBelongsIsAnErrorNamingThePath() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam:\n  url:\n    host: x\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage("balsam.url in config file " + file + " must be a single value, got a mapping");
  }

  @Test
  void aListWhereOneValueBelongsIsAnError() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam.retries: [1, 2]\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage(
            "balsam.retries in config file " + file + " must be a single value, got a list");
  }

  @Test
  void aTagListHoldingAMappingIsAnError() throws Exception {
    Path file = fixture.write("exporter.yml", "metrics.job-tag-labels: [stage, {a: b}]\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage(
            "metrics.job-tag-labels in config file "
                + file
                + " must be a list of names, got a list holding a mapping");
  }

  @Test
  void aGroupGivenAsAScalarIsAnError() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam: http://localhost:8000\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage(
            "balsam in config file "
                + file
                + " must be a mapping of settings such as balsam.url, got a string");
  }

  @Test
  void settingsThatOnlyFlagsOrTheEnvironmentGiveAreRefusedInTheFile() throws Exception {
    Path nested = fixture.write("nested.yml", "config:\n  file: other.yml\n");
    Path password = fixture.write("password.yml", "balsam.password: hunter2\n");

    assertThatThrownBy(() -> fixture.load("--config.file", nested.toString()))
        .hasMessage(
            "config.file cannot be set in the config file; use --config.file or"
                + " BALSAM_EXPORTER_CONFIG_FILE");
    assertThatThrownBy(() -> fixture.load("--config.file", password.toString()))
        .hasMessage(
            "balsam.password cannot be set in the config file; use"
                + " BALSAM_EXPORTER_BALSAM_PASSWORD or balsam.password-file in the file");
  }
}

package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnknownKeysTest {
  @TempDir Path dir;
  ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(dir);
  }

  @Test
  void anUnknownFlagIsNamedWithTheClosestKnownOne() {
    assertThatThrownBy(() -> fixture.load("--balsam.urll=http://x"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("unknown flag --balsam.urll; did you mean --balsam.url?");
  }

  @Test
  void aFlagWithTheWrongSeparatorOrOneDashIsStillRecognised() {
    assertThatThrownBy(() -> fixture.load("--balsam-url", "http://x"))
        .hasMessage("unknown flag --balsam-url; did you mean --balsam.url?");
    assertThatThrownBy(() -> fixture.load("-balsam.poll-interval=1m"))
        .hasMessage("unknown flag -balsam.poll-interval; did you mean --balsam.poll-interval?");
  }

  @Test
  void anUnknownFlagFarFromAnyKnownOneGetsNoSuggestion() {
    assertThatThrownBy(() -> fixture.load("--verbose")).hasMessage("unknown flag --verbose");
  }

  @Test
  void anUnknownVariableWithTheExporterPrefixIsNamedWithTheClosestKnownOne() {
    fixture.env("BALSAM_EXPORTER_BALSAM_POLL_INTERVALL", "30s");

    assertThatThrownBy(fixture::load)
        .hasMessage(
            "unknown environment variable BALSAM_EXPORTER_BALSAM_POLL_INTERVALL;"
                + " did you mean BALSAM_EXPORTER_BALSAM_POLL_INTERVAL?");
  }

  @Test
  void theSharedPrefixDoesNotMakeAnUnrelatedVariableLookClose() {
    fixture.env("BALSAM_EXPORTER_LOG_LEVEL", "debug");

    assertThatThrownBy(fixture::load)
        .hasMessage("unknown environment variable BALSAM_EXPORTER_LOG_LEVEL");
  }

  @Test
  void variablesWithoutTheExporterPrefixAreIgnored() throws Exception {
    fixture.env("BALSAM_URL", "http://elsewhere").env("PATH", "/bin");

    assertThatThrownBy(fixture::load).hasMessageContaining("no Balsam server given");
  }

  @Test
  void theVariablesKubernetesAddsForAServiceNamedBalsamExporterAreIgnored() throws Exception {
    fixture
        .env("BALSAM_EXPORTER_SERVICE_HOST", "10.96.0.12")
        .env("BALSAM_EXPORTER_SERVICE_PORT", "10064")
        .env("BALSAM_EXPORTER_SERVICE_PORT_METRICS", "10064")
        .env("BALSAM_EXPORTER_PORT", "tcp://10.96.0.12:10064")
        .env("BALSAM_EXPORTER_PORT_10064_TCP", "tcp://10.96.0.12:10064")
        .env("BALSAM_EXPORTER_PORT_10064_TCP_PROTO", "tcp")
        .env("BALSAM_EXPORTER_PORT_10064_TCP_PORT", "10064")
        .env("BALSAM_EXPORTER_PORT_10064_TCP_ADDR", "10.96.0.12");

    assertThat(fixture.config("--demo").web().listenPort()).isEqualTo(10064);
  }

  @Test
  void actionFlagsHaveNoVariable() {
    fixture.env("BALSAM_EXPORTER_HELP", "true");

    assertThatThrownBy(fixture::load)
        .hasMessageStartingWith("unknown environment variable BALSAM_EXPORTER_HELP");
  }

  @Test
  void anUnknownNestedKeyInTheFileIsNamedByItsDottedPath() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam:\n  urll: http://x\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage(
            "unknown key balsam.urll in config file " + file + "; did you mean balsam.url?");
  }

  @Test
  void anUnknownDottedKeyInTheFileIsNamed() throws Exception {
    Path file = fixture.write("exporter.yml", "metrics.job-tag-label: stage\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage(
            "unknown key metrics.job-tag-label in config file "
                + file
                + "; did you mean metrics.job-tag-labels?");
  }

  @Test
  void anUnknownTopLevelKeyInTheFileIsNamed() throws Exception {
    Path file = fixture.write("exporter.yml", "scrape_interval: 15s\n");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage("unknown key scrape_interval in config file " + file);
  }
}

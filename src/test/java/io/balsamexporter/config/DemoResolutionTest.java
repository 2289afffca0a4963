package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.Credentials;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoResolutionTest {
  @TempDir Path dir;
  ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(dir);
  }

  @Test
  void withoutAnyUrlOrClientFileTheExporterRefusesToStartAndSaysHowToGiveOneOrTryTheDemo() {
    assertThatThrownBy(fixture::load)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no Balsam server given")
        .hasMessageContaining("--balsam.url")
        .hasMessageContaining("balsam login")
        .hasMessageContaining("--demo");
  }

  @Test
  void theApiRootOfTheClientFileIsUsedWhenNoUrlIsGiven() throws Exception {
    Path client = fixture.clientFile("api_root: https://balsam.example.org/\ntoken: abc\n");

    ConfigLoader.Outcome.Run run = fixture.run();

    assertThat(run.config().demo()).isFalse();
    assertThat(run.config().balsam().url()).contains(URI.create("https://balsam.example.org"));
    assertThat(run.config().balsam().credentials()).isEqualTo(new Credentials.ClientFile(client));
    assertThat(run.notices())
        .containsExactly(
            "--balsam.url not given, using api_root https://balsam.example.org from " + client);
  }

  @Test
  void anExplicitUrlBeatsTheClientFileAndLosesItsTrailingSlash() throws Exception {
    fixture.clientFile("api_root: https://balsam.example.org\n");

    ExporterConfig config =
        fixture.config("--balsam.url=http://127.0.0.1:8000/balsam/", "--balsam.token=t");

    assertThat(config.balsam().url()).contains(URI.create("http://127.0.0.1:8000/balsam"));
    assertThat(config.demo()).isFalse();
  }

  @Test
  void theDemoFlagIgnoresTheClientFile() throws Exception {
    fixture.clientFile("api_root: https://balsam.example.org\ntoken: abc\n");

    ExporterConfig config = fixture.config("--demo");

    assertThat(config.demo()).isTrue();
    assertThat(config.balsam().url()).isEmpty();
    assertThat(config.balsam().credentials()).isEqualTo(new Credentials.None());
  }

  @Test
  void theDemoFlagWithAnExplicitUrlIsAnError() {
    assertThatThrownBy(() -> fixture.load("--demo", "--balsam.url=http://x:8000"))
        .hasMessage(
            "--demo cannot be combined with --balsam.url: the demo runs its own Balsam;"
                + " drop one of them");
  }

  @Test
  void theDemoFromTheEnvironmentWithAUrlInTheFileIsAnErrorSayingWhere() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam.url: http://x:8000\n");
    fixture.env("BALSAM_EXPORTER_DEMO", "true");

    assertThatThrownBy(() -> fixture.load("--config.file", file.toString()))
        .hasMessage(
            "--demo cannot be combined with --balsam.url (set by balsam.url in "
                + file
                + "): the demo runs its own Balsam; drop one of them");
  }

  @Test
  void credentialsGivenToTheDemoAreIgnoredWithANotice() throws Exception {
    ConfigLoader.Outcome.Run run =
        fixture.run("--demo", "--balsam.username=alice", "--balsam.token=t");

    assertThat(run.config().balsam().credentials()).isEqualTo(new Credentials.None());
    assertThat(run.notices())
        .containsExactly(
            "the demo needs no credentials, ignoring --balsam.username, --balsam.token");
  }

  @Test
  void anExplicitDemoFalseWithoutAnyUrlIsTheSameError() {
    fixture.env("BALSAM_EXPORTER_DEMO", "false");

    assertThatThrownBy(fixture::load).hasMessageContaining("no Balsam server given");
  }

  @Test
  void aBrokenApiRootInTheClientFileIsAnError() throws Exception {
    Path client = fixture.clientFile("api_root: balsam.example.org\n");

    assertThatThrownBy(fixture::load)
        .hasMessage(
            "api_root in Balsam client file "
                + client
                + " must start with http:// or https://, got balsam.example.org");
  }
}

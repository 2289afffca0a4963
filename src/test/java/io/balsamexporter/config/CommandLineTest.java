package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
  @TempDir Path dir;
  ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(dir);
  }

  @Test
  void aSwitchAloneMeansTrueAndTakesAnExplicitValueAfterAnEqualsSign() throws Exception {
    assertThat(fixture.config("--demo").demo()).isTrue();
    assertThat(fixture.config("--demo=true").demo()).isTrue();
    assertThat(fixture.config("--demo=false", "--balsam.url=http://x:1", "--balsam.token=t").demo())
        .isFalse();
  }

  @Test
  void aSwitchDoesNotSwallowTheNextArgument() {
    assertThatThrownBy(() -> fixture.load("--demo", "false"))
        .hasMessage(
            "unexpected argument #2: every setting is a flag written --name=value or --name value;"
                + " see --help");
  }

  @Test
  void theDemoSwitchReadsTrueOrFalseFromTheEnvironment() throws Exception {
    fixture.env("BALSAM_EXPORTER_DEMO", "true");
    assertThat(fixture.config().demo()).isTrue();

    fixture
        .env("BALSAM_EXPORTER_DEMO", "false")
        .env("BALSAM_EXPORTER_BALSAM_URL", "http://x:1")
        .env("BALSAM_EXPORTER_BALSAM_TOKEN", "t");
    assertThat(fixture.config().demo()).isFalse();
  }

  @Test
  void aFlagAtTheEndWithoutItsValueIsAnError() {
    assertThatThrownBy(() -> fixture.load("--balsam.url"))
        .hasMessage("--balsam.url needs a value: --balsam.url=VALUE");
  }

  @Test
  void aFlagFollowedByAnotherFlagIsMissingItsValue() {
    assertThatThrownBy(() -> fixture.load("--balsam.url", "--demo"))
        .hasMessage("--balsam.url needs a value: --balsam.url=VALUE");
  }

  @Test
  void aFlagGivenTwiceIsAnError() {
    assertThatThrownBy(() -> fixture.load("--balsam.retries=1", "--balsam.retries", "2"))
        .hasMessage("--balsam.retries is given twice; give it once");
  }

  @Test
  void theRawPasswordHasNoFlag() {
    assertThatThrownBy(() -> fixture.load("--balsam.password=hunter2"))
        .hasMessage("unknown flag --balsam.password; did you mean --balsam.password-file?");
  }

  @Test
  void helpAndVersionEndTheRunWithoutReadingAnythingElse() throws Exception {
    fixture.env("BALSAM_EXPORTER_NONSENSE", "x");

    assertThat(fixture.load("--help")).isInstanceOf(ConfigLoader.Outcome.Help.class);
    assertThat(fixture.load("-h")).isInstanceOf(ConfigLoader.Outcome.Help.class);
    assertThat(fixture.load("--version")).isEqualTo(new ConfigLoader.Outcome.Version());
  }

  @Test
  void anActionFlagTakesNoValue() {
    assertThatThrownBy(() -> fixture.load("--help=true")).hasMessage("--help takes no value");
  }
}

package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
  static final String SECRET = "SECRET-d41d8cd9";

  @TempDir Path dir;
  ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(dir);
  }

  private String messageOf(String... args) {
    return catchThrowableOfType(ConfigException.class, () -> fixture.load(args)).getMessage();
  }

  @Test
  void configsPrintWithoutTheirPasswordOrToken() throws Exception {
    Path password = fixture.write("password", SECRET + "\n");
    ConfigLoader.Outcome.Run withPassword =
        fixture.run(
            "--balsam.url=http://x:1", "--balsam.username=a", "--balsam.password-file=" + password);
    ConfigLoader.Outcome.Run withToken =
        fixture.run("--balsam.url=http://x:1", "--balsam.token=" + SECRET);

    assertThat(withPassword.toString()).doesNotContain(SECRET).contains("<redacted>");
    assertThat(withToken.toString()).doesNotContain(SECRET).contains("<redacted>");
  }

  @Test
  void parsedCommandLinesPrintWithoutTheToken() throws Exception {
    assertThat(CommandLine.parse("--balsam.token=" + SECRET).toString())
        .doesNotContain(SECRET)
        .contains("balsam.token=<redacted>");
  }

  @Test
  void rejectedTokensAreNotQuoted() {
    fixture.env("BALSAM_EXPORTER_BALSAM_TOKEN", SECRET + " " + SECRET);

    assertThat(messageOf("--balsam.url=http://x:1")).doesNotContain(SECRET);
  }

  @Test
  void aUrlCarryingAPasswordOrAQueryIsRejectedWithoutQuotingIt() {
    assertThat(messageOf("--balsam.url=https://alice:" + SECRET + "@balsam.example.org"))
        .isEqualTo(
            "--balsam.url must not hold a user name or password; use --balsam.username and"
                + " --balsam.password-file");
    assertThat(messageOf("--balsam.url=https://balsam.example.org/?token=" + SECRET))
        .doesNotContain(SECRET)
        .startsWith("--balsam.url must not have a query or fragment");
  }

  @Test
  void unexpectedArgumentsAreNotQuoted() {
    assertThat(messageOf("--demo", SECRET)).doesNotContain(SECRET);
  }

  @Test
  void unknownFlagsAreNamedWithoutTheirValue() {
    assertThat(messageOf("--balsam.passwd=" + SECRET)).doesNotContain(SECRET);
  }

  @Test
  void brokenYamlIsNotQuoted() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam:\n  token: " + SECRET + ": x\n");

    assertThat(messageOf("--config.file", file.toString())).doesNotContain(SECRET);
  }

  @Test
  void aPasswordInTheFileIsRefusedWithoutQuotingIt() throws Exception {
    Path file = fixture.write("exporter.yml", "balsam.password: " + SECRET + "\n");

    assertThat(messageOf("--config.file", file.toString())).doesNotContain(SECRET);
  }

  @Test
  void noticesNeverHoldTheToken() throws Exception {
    fixture.clientFile("api_root: https://balsam.example.org\ntoken: " + SECRET + "\n");

    ConfigLoader.Outcome.Run run =
        fixture.run("--balsam.url=https://other.example.org", "--balsam.token=" + SECRET);

    assertThat(run.notices()).isNotEmpty().allSatisfy(n -> assertThat(n).doesNotContain(SECRET));
  }
}

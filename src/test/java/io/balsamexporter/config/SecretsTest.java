package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
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

  /**
   * The message of the error {@code args} raise; its toString and whole stack trace, causes
   * included, must not hold the secret either, as a log may print any of them.
   */
  private String messageOf(String... args) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> fixture.load(args));
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    assertThat(e.toString() + trace).doesNotContain(SECRET);
    return e.getMessage();
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
  void passwordsAndTokensInConflictingSettingsAreNotQuoted() throws Exception {
    Path password = fixture.write("password", SECRET + "\n");
    Path empty = fixture.write("empty", "\n");
    assertThat(
            messageOf(
                "--balsam.url=http://x:1",
                "--balsam.token=" + SECRET,
                "--balsam.token-file=" + empty))
        .contains("give the token once");

    fixture.env("BALSAM_EXPORTER_BALSAM_PASSWORD", SECRET);
    assertThat(messageOf("--balsam.url=http://x:1")).contains("--balsam.username");
    assertThat(
            messageOf(
                "--balsam.url=http://x:1",
                "--balsam.username=a",
                "--balsam.password-file=" + password))
        .contains("give the password once");
  }

  @Test
  void aBrokenWebConfigStopsTheStartWithoutQuotingItsHash() throws Exception {
    String hash = "$2y$10$" + "SECRETd41d8cd9".repeat(4).substring(0, 53);
    for (String yaml :
        new String[] {
          "basic_auth_users:\n  scraper: \"" + hash + "\n  other: [\n",
          "basic_auth_users:\n  scraper: '" + hash + "'\n   bad: " + SECRET + "\n",
          "basic_auth_users:\n  scraper: *" + SECRET + "\n",
          "basic_auth_users:\n  scraper: " + SECRET + "\n",
          SECRET + ": x\n",
        }) {
      Path web = fixture.write("web.yml", yaml);
      assertThat(
              messageOf("--balsam.url=http://x:1", "--balsam.token=t", "--web.config.file=" + web))
          .as(yaml)
          .startsWith("--web.config.file is unusable")
          .doesNotContain(hash)
          .doesNotContain(hash.substring(7, 20));
    }
  }

  @Test
  void noticesNeverHoldTheToken() throws Exception {
    fixture.clientFile("api_root: https://balsam.example.org\ntoken: " + SECRET + "\n");

    ConfigLoader.Outcome.Run run =
        fixture.run("--balsam.url=https://other.example.org", "--balsam.token=" + SECRET);

    assertThat(run.notices()).isNotEmpty().allSatisfy(n -> assertThat(n).doesNotContain(SECRET));
  }
}

package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.Credentials;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsResolutionTest {
  static final String URL = "https://balsam.example.org";
  static final String CLIENT_YML =
      """
      api_root: https://balsam.example.org
      client_class: balsam.client.BasicAuthRequestsClient
      token: client-file-token
      token_expiry: 2026-11-28 09:13:08.064959
      connect_timeout: 6.2
      read_timeout: 120.0
      retry_count: 10
      """;

  @TempDir Path dir;
  ConfigFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new ConfigFixture(dir);
  }

  @Test
  void usernameAndPasswordComeFirst() throws Exception {
    fixture.clientFile(CLIENT_YML);
    Path password = fixture.write("password", "s3cret-pw\n");
    fixture.env("BALSAM_EXPORTER_BALSAM_TOKEN", "env-token");

    ConfigLoader.Outcome.Run run =
        fixture.run("--balsam.username=alice", "--balsam.password-file", password.toString());

    assertThat(run.config().balsam().credentials())
        .isEqualTo(new Credentials.Password("alice", "s3cret-pw", Optional.of(password)));
    assertThat(run.notices())
        .contains("ignoring BALSAM_EXPORTER_BALSAM_TOKEN: username and password come first");
  }

  @Test
  void thePasswordMayComeFromTheEnvironment() throws Exception {
    fixture
        .env("BALSAM_EXPORTER_BALSAM_USERNAME", "alice")
        .env("BALSAM_EXPORTER_BALSAM_PASSWORD", "pw from env");

    assertThat(fixture.config("--balsam.url", URL).balsam().credentials())
        .isEqualTo(new Credentials.Password("alice", "pw from env"));
  }

  @Test
  void onlyTrailingLineBreaksAreStrippedFromThePasswordFile() throws Exception {
    Path password = fixture.write("password", " two words \r\n\n");

    Credentials credentials =
        fixture
            .config(
                "--balsam.url", URL, "--balsam.username=a", "--balsam.password-file=" + password)
            .balsam()
            .credentials();

    assertThat(credentials)
        .isEqualTo(new Credentials.Password("a", " two words ", Optional.of(password)));
  }

  @Test
  void theClientFileTokenComesSecond() throws Exception {
    Path client = fixture.clientFile(CLIENT_YML);
    ConfigLoader.Outcome.Run run = fixture.run("--balsam.url", URL + "/", "--balsam.token=t");

    assertThat(run.config().balsam().credentials()).isEqualTo(new Credentials.ClientFile(client));
    assertThat(run.notices())
        .contains("ignoring --balsam.token: the token in " + client + " comes first");
  }

  @Test
  void theClientFileFlagNamesAnotherClientFile() throws Exception {
    Path other = fixture.write("other-client.yml", CLIENT_YML);

    ExporterConfig config = fixture.config("--balsam.client-file", other.toString());

    assertThat(config.balsam().credentials()).isEqualTo(new Credentials.ClientFile(other));
  }

  @Test
  void aDirectTokenComesThirdFromFlagEnvironmentOrFile() throws Exception {
    Path tokenFile = fixture.write("token", "  file-token\n");

    assertThat(
            fixture
                .config("--balsam.url", URL, "--balsam.token-file", tokenFile.toString())
                .balsam()
                .credentials())
        .isEqualTo(new Credentials.TokenFile(tokenFile));
    assertThat(
            fixture
                .config("--balsam.url", URL, "--balsam.token", "flag-token")
                .balsam()
                .credentials())
        .isEqualTo(new Credentials.Token("flag-token", "--balsam.token"));
    fixture.env("BALSAM_EXPORTER_BALSAM_TOKEN", "env-token");
    assertThat(fixture.config("--balsam.url", URL).balsam().credentials())
        .isEqualTo(new Credentials.Token("env-token", "BALSAM_EXPORTER_BALSAM_TOKEN"));
  }

  @Test
  void aTokenOnTheCommandLineIsAllowedWithAWarningAboutPs() throws Exception {
    ConfigLoader.Outcome.Run run = fixture.run("--balsam.url", URL, "--balsam.token=t");

    assertThat(run.notices())
        .contains(
            "--balsam.token is visible to every user in ps; prefer --balsam.token-file or"
                + " BALSAM_EXPORTER_BALSAM_TOKEN");
  }

  @Test
  void aClientFileWithoutATokenFallsThroughToTheDirectToken() throws Exception {
    fixture.clientFile("api_root: https://balsam.example.org\ntoken: null\n");

    assertThat(fixture.config("--balsam.token=t").balsam().credentials())
        .isEqualTo(new Credentials.Token("t", "--balsam.token"));
  }

  @Test
  void noCredentialsForARealServerIsASettingErrorSayingWhatToGive() {
    assertThatThrownBy(() -> fixture.load("--balsam.url", URL))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("no credentials for " + URL)
        .hasMessageContaining("--balsam.password-file")
        .hasMessageContaining("balsam login");
  }

  @Test
  void theClientFileTokenIsNotSentToAnotherServer() throws Exception {
    Path client = fixture.clientFile(CLIENT_YML);

    assertThatThrownBy(() -> fixture.load("--balsam.url", "https://other.example.org"))
        .hasMessageContaining(
            "not using the token in "
                + client
                + ": it is for https://balsam.example.org, not https://other.example.org");
  }

  @Test
  void anExpiredClientFileTokenIsStillUsedButNoticed() throws Exception {
    Path client = fixture.clientFile(CLIENT_YML);
    fixture.clock.set(java.time.Instant.parse("2026-12-01T00:00:00Z"));

    ConfigLoader.Outcome.Run run = fixture.run();

    assertThat(run.config().balsam().credentials()).isEqualTo(new Credentials.ClientFile(client));
    assertThat(run.notices())
        .contains(
            "the token in "
                + client
                + " expired at 2026-11-28T09:13:08.064959Z; run 'balsam login' again");
  }

  @Test
  void aUsernameWithoutAPasswordIsAnErrorNamingBoth() {
    assertThatThrownBy(() -> fixture.load("--balsam.url", URL, "--balsam.username=alice"))
        .hasMessage(
            "--balsam.username needs a password: set --balsam.password-file or"
                + " BALSAM_EXPORTER_BALSAM_PASSWORD");
  }

  @Test
  void aPasswordWithoutAUsernameIsAnErrorNamingBoth() throws Exception {
    Path password = fixture.write("password", "pw\n");

    assertThatThrownBy(
            () -> fixture.load("--balsam.url", URL, "--balsam.password-file=" + password))
        .hasMessage(
            "--balsam.password-file is set but --balsam.username is not: a password needs a"
                + " username");
    fixture.env("BALSAM_EXPORTER_BALSAM_PASSWORD", "pw");
    assertThatThrownBy(() -> fixture.load("--balsam.url", URL))
        .hasMessage(
            "BALSAM_EXPORTER_BALSAM_PASSWORD is set but --balsam.username is not: a password"
                + " needs a username");
  }

  @Test
  void aPasswordGivenTwoWaysIsAnError() throws Exception {
    Path password = fixture.write("password", "pw\n");
    fixture.env("BALSAM_EXPORTER_BALSAM_PASSWORD", "pw");

    assertThatThrownBy(
            () ->
                fixture.load(
                    "--balsam.url",
                    URL,
                    "--balsam.username=a",
                    "--balsam.password-file=" + password))
        .hasMessage(
            "give the password once: --balsam.password-file or BALSAM_EXPORTER_BALSAM_PASSWORD,"
                + " not both");
  }

  @Test
  void aTokenGivenTwoWaysIsAnError() throws Exception {
    Path token = fixture.write("token", "t\n");
    fixture.env("BALSAM_EXPORTER_BALSAM_TOKEN", "t");

    assertThatThrownBy(() -> fixture.load("--balsam.url", URL, "--balsam.token-file=" + token))
        .hasMessage(
            "give the token once: --balsam.token (set by BALSAM_EXPORTER_BALSAM_TOKEN) or"
                + " --balsam.token-file, not both");
  }

  @Test
  void emptyOrMultiWordTokensAreRejected() throws Exception {
    Path empty = fixture.write("empty-token", "\n");
    Path twoLines = fixture.write("two-tokens", "abc\ndef\n");

    assertThatThrownBy(() -> fixture.load("--balsam.url", URL, "--balsam.token-file=" + empty))
        .hasMessage("--balsam.token-file gives an empty token");
    assertThatThrownBy(() -> fixture.load("--balsam.url", URL, "--balsam.token-file=" + twoLines))
        .hasMessage(
            "--balsam.token-file must be a single bearer token, without spaces or line breaks");
  }

  @Test
  void anEmptyPasswordFileIsRejected() throws Exception {
    Path empty = fixture.write("password", "\n");

    assertThatThrownBy(
            () ->
                fixture.load(
                    "--balsam.url", URL, "--balsam.username=a", "--balsam.password-file=" + empty))
        .hasMessage("--balsam.password-file names an empty file; it must hold the password");
  }

  @Test
  void anExplicitClientFileThatDoesNotExistIsAnError() {
    Path missing = dir.resolve("nowhere.yml");

    assertThatThrownBy(() -> fixture.load("--balsam.client-file", missing.toString()))
        .hasMessage("--balsam.client-file names " + missing + ", which does not exist");
  }

  @Test
  void aBrokenClientFileIsAnErrorThatDoesNotQuoteIt() throws Exception {
    Path client = fixture.clientFile("token: abc: def-secret\n");

    assertThatThrownBy(fixture::load)
        .hasMessage("Balsam client file " + client + " is not valid YAML (line 1)")
        .message()
        .doesNotContain("secret");
  }
}

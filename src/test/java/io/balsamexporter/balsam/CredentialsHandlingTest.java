package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.testing.ManualClock;
import io.balsamexporter.testing.TestConfigs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the client does with each kind of credentials before any request is sent. */
class CredentialsHandlingTest {
  private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");
  private static final String TOKEN =
      JwtExpiryTest.jwt("{\"sub\":2,\"exp\":1795857188,\"username\":\"example\"}");
  private static final String PASSWORD = "pw-that-must-not-leak";
  private static final URI API = URI.create("http://127.0.0.1:8000");

  @TempDir Path dir;

  private Path clientYml(String tokenExpiry) throws IOException {
    return Files.writeString(
        dir.resolve("client.yml"),
        "api_root: http://127.0.0.1:8000\n"
            + "client_class: balsam.client.BasicAuthRequestsClient\n"
            + "token: "
            + TOKEN
            + "\n"
            + "token_expiry: "
            + tokenExpiry
            + "\n"
            + "connect_timeout: 6.2\nread_timeout: 120.0\nretry_count: 10\n");
  }

  @Test
  void theClientFileTokenCarriesItsRecordedExpiry() throws Exception {
    FileToken token = FileToken.clientFile(clientYml("2026-11-28 09:13:08.064959"), API);

    assertThat(token.tokenExpiry()).contains(Instant.parse("2026-11-28T09:13:08.064959Z"));
    assertThat(token.renew(token.token(null, NOW), null, NOW)).isEmpty();
  }

  @Test
  void anExpiredClientFileTokenIsKeptAndItsRefusalAsksForANewLogin() throws Exception {
    FileToken token = FileToken.clientFile(clientYml("2026-11-26 09:13:08"), API);

    assertThat(token.rejectionAdvice(NOW))
        .isEqualTo(
            "; the token in "
                + dir.resolve("client.yml")
                + " expired at 2026-11-26T09:13:08Z; run `balsam login` again"
                + " (the exporter reads the file again when it changes)")
        .doesNotContain(TOKEN);
  }

  @Test
  void aClientFileWithoutTokenAsksForALogin() throws Exception {
    Path noToken =
        Files.writeString(dir.resolve("client.yml"), "api_root: http://h\ntoken: null\n");

    assertThatThrownBy(() -> FileToken.clientFile(noToken, API))
        .hasMessageContaining("run `balsam login` first");
  }

  @Test
  void aDirectTokenTakesItsExpiryFromTheJwt() {
    assertThat(FixedToken.direct(TOKEN, "env BALSAM_TOKEN").tokenExpiry())
        .contains(Instant.ofEpochSecond(1795857188));
    assertThat(FixedToken.direct("opaque", "flag").tokenExpiry()).isEmpty();
  }

  @Test
  void aRefusedDirectTokenSaysWhereItCameFromAndThatItExpired() {
    FixedToken token = FixedToken.direct(TOKEN, "env BALSAM_TOKEN");

    assertThat(token.rejectionAdvice(Instant.ofEpochSecond(1795857188 + 1)))
        .isEqualTo(
            "; the configured token (env BALSAM_TOKEN) expired at 2026-11-28T09:13:08Z;"
                + " configure a new one")
        .doesNotContain(TOKEN);
  }

  @Test
  void noSecretAppearsInAnyToString() throws Exception {
    HttpBalsamClient client =
        HttpBalsamClient.builder(
                URI.create("http://127.0.0.1:8000"), new PasswordLogin("example", PASSWORD))
            .build();
    List<Object> holders =
        List.of(
            new BearerToken(TOKEN, Optional.empty()),
            new PasswordLogin("example", PASSWORD),
            FixedToken.direct(TOKEN, "flag"),
            FileToken.clientFile(clientYml("2026-11-28 09:13:08"), API),
            client,
            new RetryingBalsamApi(client, RetryPolicy.withRetries(1)),
            new Credentials.Password("example", PASSWORD),
            new Credentials.Token(TOKEN, "flag"));

    assertThat(holders)
        .allSatisfy(
            holder -> assertThat(holder.toString()).doesNotContain(TOKEN).doesNotContain(PASSWORD));
    assertThat(client.toString()).contains("127.0.0.1:8000").contains("username=example");
  }

  @Test
  void aUrlCarryingAPasswordIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(
            () ->
                HttpBalsamClient.builder(
                    URI.create("https://user:" + PASSWORD + "@balsam.example.org"),
                    FixedToken.direct(TOKEN, "flag")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Balsam URL must not contain a user name or password: https://balsam.example.org");
  }

  @Test
  void aBrokenClientFileIsReportedWithoutQuotingItsLines() throws Exception {
    Files.writeString(dir.resolve("client.yml"), "token: " + TOKEN + "\n  : [unbalanced\n");

    assertThatThrownBy(
            () ->
                BalsamClients.authenticator(
                    new Credentials.ClientFile(dir.resolve("client.yml")), API))
        .isInstanceOfSatisfying(
            BalsamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
              assertThat(e.getCause()).isNull();
            })
        .hasMessageContaining("not valid YAML")
        .hasMessageNotContaining(TOKEN);
  }

  @Test
  void eachKindOfCredentialsGetsItsAuthenticator() throws Exception {
    Path tokenFile = Files.writeString(dir.resolve("token"), TOKEN + "\n");

    assertThat(BalsamClients.authenticator(new Credentials.Password("u", PASSWORD), API))
        .isInstanceOf(PasswordLogin.class);
    assertThat(BalsamClients.authenticator(new Credentials.Token(TOKEN, "flag"), API))
        .isInstanceOf(FixedToken.class);
    assertThat(
            BalsamClients.authenticator(
                new Credentials.ClientFile(clientYml("2026-11-28 09:13:08")), API))
        .isInstanceOf(FileToken.class);
    assertThat(BalsamClients.authenticator(new Credentials.TokenFile(tokenFile), API))
        .isInstanceOf(FileToken.class);
    assertThatThrownBy(() -> BalsamClients.authenticator(new Credentials.None(), API))
        .hasMessageStartingWith("no Balsam credentials");
  }

  @Test
  void aConfigWithoutUrlBuildsNoClient() {
    ExporterConfig config =
        TestConfigs.loopback(
            Optional.empty(), new Credentials.Token(TOKEN, "flag"), 1000, Duration.ofSeconds(5), 0);

    assertThatThrownBy(
            () ->
                BalsamClients.create(
                    config.balsam().target(), RequestObserver.NONE, new ManualClock(NOW)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a Balsam URL is required");
  }
}

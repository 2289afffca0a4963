package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import io.balsamexporter.config.IngestConfig;
import io.balsamexporter.testing.SimHarness;
import io.balsamexporter.testing.TestConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The factory's clients against the simulated Balsam, one per kind of credentials. */
class BalsamClientsTest {
  @TempDir Path dir;
  @AutoClose private final SimulatedBalsam balsam = new SimulatedBalsam();

  private BalsamTarget config(Credentials credentials) {
    return TestConfigs.loopback(
            Optional.of(balsam.simulator.baseUrl()),
            credentials,
            IngestConfig.DEFAULT_PAGE_SIZE,
            Duration.ofSeconds(10),
            0)
        .balsam()
        .target();
  }

  /** What {@code balsam login} would leave behind after logging in to the simulator. */
  private Path clientYml(String tokenExpiry) throws BalsamException, IOException {
    BalsamHttp http =
        BalsamHttp.create(
            balsam.simulator.baseUrl(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            BalsamTarget.DEFAULT_MAX_RESPONSE_BYTES,
            Optional.empty(),
            RequestObserver.NONE);
    String token =
        new PasswordLogin(SimHarness.USER, SimHarness.PASSWORD)
            .token(http, balsam.clock.instant())
            .value();
    return Files.writeString(
        dir.resolve("client.yml"),
        "api_root: "
            + balsam.simulator.baseUrl()
            + "\nclient_class: balsam.client.BasicAuthRequestsClient\ntoken: "
            + token
            + "\ntoken_expiry: "
            + tokenExpiry
            + "\n");
  }

  @Test
  void passwordCredentialsGiveAClientThatLogsInAndCountsItsRequests() throws BalsamException {
    BalsamApi api =
        BalsamClients.create(
            config(new Credentials.Password(SimHarness.USER, SimHarness.PASSWORD)),
            balsam.observer(),
            balsam.clock);

    assertThat(api).isInstanceOf(RetryingBalsamApi.class);
    assertThat(api.events(Query.of().with("limit", 0)).count()).isEqualTo(836);
    assertThat(api.tokenExpiry()).isPresent();
    assertThat(balsam.requests).containsExactly("/auth/password/login 200", "/events/ 200");
  }

  @Test
  void theBalsamLoginOfTheClientFileIsUsedWithItsExpiry() throws Exception {
    Path file = clientYml("2026-11-28 09:25:28.850018");

    BalsamApi api =
        BalsamClients.create(
            config(new Credentials.ClientFile(file)), balsam.observer(), balsam.clock);

    assertThat(api.jobs(Query.of().with("state", "RUNNING")).count()).isEqualTo(3);
    assertThat(api.tokenExpiry()).contains(Instant.parse("2026-11-28T09:25:28.850018Z"));
    assertThat(balsam.requests).containsExactly("/jobs/ 200");
  }

  @Test
  void aRefusedClientFileTokenAsksForANewBalsamLoginAndTheNewLoginIsUsedWithoutARestart()
      throws Exception {
    Path file = clientYml("2026-11-28 09:25:28.850018");
    BalsamApi api =
        BalsamClients.create(
            config(new Credentials.ClientFile(file)), balsam.observer(), balsam.clock);
    balsam.simulator.faults().expireAllTokens();

    assertThatThrownBy(() -> api.sites(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
        .hasMessageEndingWith(
            "was refused; run `balsam login` again"
                + " (the exporter reads the file again when it changes)");

    FileTime before = Files.getLastModifiedTime(file);
    clientYml("2026-11-28 09:25:28.850018");
    Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));

    assertThat(api.sites(Query.of()).count()).isEqualTo(2);
    assertThat(balsam.requests).containsExactly("/sites/ 401", "/sites/ 200");
  }

  @Test
  void aClientFileTokenThatExpiredBeforeTheStartDoesNotStopIt() throws Exception {
    // The exporter stays up, reports the refusals, and heals at the next `balsam login`.
    Path file = clientYml("2026-11-26 09:00:00");

    BalsamApi api =
        BalsamClients.create(
            config(new Credentials.ClientFile(file)), balsam.observer(), balsam.clock);

    assertThat(api.tokenExpiry()).contains(Instant.parse("2026-11-26T09:00:00Z"));
    assertThat(balsam.requests).isEmpty();
  }
}

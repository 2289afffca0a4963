package io.balsamexporter.faults;

import static io.balsamexporter.faults.FaultStack.POLL_INTERVAL;
import static io.balsamexporter.faults.FaultStack.awaitPolls;
import static io.balsamexporter.faults.FaultStack.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Exporter;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.LogCapture;
import io.balsamexporter.testing.SimHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults of credentials, on the whole exporter against the simulator: tokens that expire
 * mid-run, wrong credentials, a password file rewritten while the exporter runs. The same contract
 * as {@link FaultSuiteTest}, and secrets never in a log line.
 */
class CredentialFaultsTest {
  private static final String NEW_PASSWORD = "rotated-password-9";
  private static final String LOGIN = "/auth/password/login";

  private final FaultStack stack = FaultStack.withDevFixtures();
  private final Changes changes = new Changes(stack.balsam);

  @TempDir Path dir;

  @AfterEach
  void stop() {
    stack.close();
  }

  private Exporter exporter(Credentials credentials) {
    return stack.exporter(
        FaultStack.config(stack.balsam.simulator.baseUrl(), credentials, 100, 1, POLL_INTERVAL));
  }

  @Test
  void aTokenThatExpiresMidRunIsRenewedByLoggingInAgainWithinThePoll() {
    Exporter exporter = exporter(FaultStack.password());
    awaitReady(exporter);
    Scrape before = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);

    try (LogCapture log = LogCapture.start()) {
      changes.mixed("expired");
      stack.faults.expireAllTokens();
      Scrape after = awaitPolls(exporter, before, "success", 3);

      assertThat(Contract.allPolls(after) - Contract.allPolls(before))
          .isEqualTo(after.polls("success") - before.polls("success"));
      assertThat(after.value("balsam_up")).isEqualTo(1.0);
      assertThat(log.text().lines().filter(l -> l.contains("msg=\"logged in to Balsam\"")))
          .hasSize(1);
      assertThat(log.text()).doesNotContain(Contract.FAILED).doesNotContain(SimHarness.PASSWORD);
      Contract.recoveredExactly(stack, changes, after);
    }
  }

  @Test
  void aStaticTokenThatExpiresEndsPollsUnauthorizedWithAClearMessageAndNoLoginAttempts() {
    String token = stack.balsam.login();
    Exporter exporter = exporter(new Credentials.Token(token, "env BALSAM_EXPORTER_BALSAM_TOKEN"));
    awaitReady(exporter);
    Scrape before = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);

    try (LogCapture log = LogCapture.start()) {
      stack.faults.expireAllTokens();
      changes.mixed("static");
      Scrape during = awaitPolls(exporter, before, "unauthorized", 4);

      assertThat(during.value("balsam_up")).isEqualTo(0.0);
      assertThat(Scrape.differences(during.domain(), before.domain())).isEmpty();
      assertThat(during.sum("balsam_exporter_api_requests_total", "endpoint", LOGIN)).isZero();
      assertThat(log.text().lines().filter(l -> l.contains(Contract.FAILED)))
          .singleElement()
          .asString()
          .contains("kind=unauthorized")
          .contains("the configured token (env BALSAM_EXPORTER_BALSAM_TOKEN) was refused")
          .contains("configure a new one")
          .doesNotContain(token);
    }
  }

  @Test
  void anExpiredTokenInATokenFileRecoversWhenTheFileGetsANewOne() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), stack.balsam.login() + "\n");
    Exporter exporter = exporter(new Credentials.TokenFile(file));
    awaitReady(exporter);
    Scrape before = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);

    try (LogCapture log = LogCapture.start()) {
      stack.faults.expireAllTokens();
      Scrape during = awaitPolls(exporter, before, "unauthorized", 2);
      assertThat(during.value("balsam_up")).isEqualTo(0.0);
      assertThat(Scrape.differences(during.domain(), before.domain())).isEmpty();

      changes.mixed("token-file");
      rewrite(file, stack.balsam.login() + "\n");
      Scrape after = awaitPolls(exporter, during, "success", 2);

      assertThat(after.value("balsam_up")).isEqualTo(1.0);
      Contract.loggedOnce(log.text(), "unauthorized");
      assertThat(log.text()).contains("write a new one to the file");
      Contract.recoveredExactly(stack, changes, after);
    }
  }

  @Test
  void wrongCredentialsSayWhatIsWrongAndDoNotRetryTheLoginInAHotLoop() {
    // Captured from the start: the first poll may fail before the web server is up.
    try (LogCapture log = LogCapture.start()) {
      Exporter exporter =
          exporter(new Credentials.Password(SimHarness.USER, "wrong-password-that-must-not-leak"));
      Scrape first = awaitPolls(exporter, Scrape.of(exporter.port()), "unauthorized", 1);
      long requestsBefore = stack.balsam.simulator.serverCost().requests();
      long started = System.nanoTime();
      // Ten poll intervals of refusals.
      FaultStack.sleep(POLL_INTERVAL.multipliedBy(10));
      Scrape during = Scrape.of(exporter.port());
      long requests = stack.balsam.simulator.serverCost().requests() - requestsBefore;
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

      double polls = during.polls("unauthorized") - first.polls("unauthorized");
      double logins =
          during.sum("balsam_exporter_api_requests_total", "endpoint", LOGIN)
              - first.sum("balsam_exporter_api_requests_total", "endpoint", LOGIN);
      // One login a poll, one poll an interval: no retry of a refused password, no hot loop.
      long intervals = elapsed.toNanos() / POLL_INTERVAL.toNanos();
      assertThat(polls).isPositive().isLessThanOrEqualTo(intervals + 1);
      // A login whose poll has not ended yet may be counted already: one either way.
      assertThat(logins).isBetween(polls - 1, polls + 1);
      // The server saw nothing else: no request goes out without a token.
      assertThat((double) requests).isBetween(logins - 1, logins + 1);

      assertThat(during.value("balsam_up")).isEqualTo(0.0);
      assertThat(during.domain()).isEmpty();
      assertThat(Http.text(Http.get(exporter.port(), "/-/ready")))
          .startsWith("Not ready: Balsam refuses the login (")
          .doesNotContain("wrong-password");
      assertThat(log.text().lines().filter(l -> l.contains(Contract.FAILED)))
          .singleElement()
          .asString()
          .contains("kind=unauthorized")
          .contains("Balsam refused the password of user " + SimHarness.USER);
      assertThat(log.text()).doesNotContain("wrong-password");
    }
  }

  @Test
  void aPasswordFileRewrittenWhileRunningIsReadAgainAtTheNextRefusedToken() throws Exception {
    Path file = Files.writeString(dir.resolve("password"), SimHarness.PASSWORD + "\n");
    Exporter exporter =
        exporter(new Credentials.Password(SimHarness.USER, SimHarness.PASSWORD, Optional.of(file)));
    awaitReady(exporter);
    Scrape before = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);

    try (LogCapture log = LogCapture.start()) {
      // The password is rotated: the server and the file get the new one, and the secret store
      // keeps the file's modification time (as a bind mount may), so only the 401 can tell.
      SimAccounts.changePassword(stack.balsam.store, SimHarness.USER, NEW_PASSWORD);
      rewriteKeepingTime(file, NEW_PASSWORD + "\n");
      stack.groundTruthCredentials = new Credentials.Password(SimHarness.USER, NEW_PASSWORD);
      changes.mixed("rotated");
      stack.faults.expireAllTokens();
      Scrape after = awaitPolls(exporter, before, "success", 3);

      assertThat(Contract.allPolls(after) - Contract.allPolls(before))
          .isEqualTo(after.polls("success") - before.polls("success"));
      assertThat(log.text())
          .contains("msg=\"read a new Balsam password\" file=" + file)
          .contains("msg=\"logged in to Balsam\"")
          .doesNotContain(NEW_PASSWORD)
          .doesNotContain(SimHarness.PASSWORD)
          .doesNotContain(Contract.FAILED);
      Contract.recoveredExactly(stack, changes, after);
    }
  }

  @Test
  void aWrongPasswordFileIsReadAgainAfterTheRefusalAndRecoversWhenFixed() throws Exception {
    Path file = Files.writeString(dir.resolve("password"), "not-the-password\n");
    // Captured from the start: the first poll may fail before the web server is up.
    try (LogCapture log = LogCapture.start()) {
      Exporter exporter =
          exporter(
              new Credentials.Password(SimHarness.USER, "not-the-password", Optional.of(file)));
      Scrape during = awaitPolls(exporter, Scrape.of(exporter.port()), "unauthorized", 2);
      assertThat(during.value("balsam_up")).isEqualTo(0.0);

      rewriteKeepingTime(file, SimHarness.PASSWORD + "\n");
      awaitReady(exporter);
      Scrape after = awaitPolls(exporter, during, "success", 2);

      Contract.loggedOnce(log.text(), "unauthorized");
      assertThat(log.text()).doesNotContain(SimHarness.PASSWORD).doesNotContain("not-the-password");
      Contract.recoveredExactly(stack, changes, after);
    }
  }

  /** Writes the file as a later write would: a modification time a second on. */
  private static void rewrite(Path file, String text) throws Exception {
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, FileTime.from(before.toInstant().plusSeconds(1)));
  }

  /** Writes the file but leaves its modification time as it was. */
  private static void rewriteKeepingTime(Path file, String text) throws Exception {
    FileTime before = Files.getLastModifiedTime(file);
    Files.writeString(file, text);
    Files.setLastModifiedTime(file, before);
  }
}

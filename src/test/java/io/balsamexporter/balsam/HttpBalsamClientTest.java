package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The client against the project's simulated Balsam serving the recorded dev workload. */
class HttpBalsamClientTest {
  @AutoClose private final SimulatedBalsam balsam = new SimulatedBalsam();

  @Test
  void oneLoginServesEveryListingOfTheRecordedWorkload() throws BalsamException {
    HttpBalsamClient client = balsam.passwordClient();

    assertThat(client.sites(Query.of()).count()).isEqualTo(2);
    assertThat(client.apps(Query.of()).results()).hasSize(5);
    assertThat(client.jobs(Query.of()).results()).hasSize(199);
    assertThat(client.batchJobs(Query.of()).results())
        .extracting(BatchJob::id)
        .containsExactly(1L, 2L, 3L);
    assertThat(client.events(Query.of()).results()).hasSize(836);

    assertThat(balsam.requests)
        .containsExactly(
            "/auth/password/login 200",
            "/sites/ 200",
            "/apps/ 200",
            "/jobs/ 200",
            "/batch-jobs/ 200",
            "/events/ 200");
  }

  @Test
  void theLoginsExpirationIsTheKnownTokenExpiry() throws BalsamException {
    HttpBalsamClient client = balsam.passwordClient();
    assertThat(client.tokenExpiry()).isEmpty();

    client.sites(Query.of().with("limit", 0));

    assertThat(client.tokenExpiry())
        .contains(SimHarness.RECORDED_AT.plus(Duration.ofHours(48)).truncatedTo(ChronoUnit.MICROS));
  }

  @Test
  void queryParametersArriveRepeatedAndInOrder() throws BalsamException {
    HttpBalsamClient client = balsam.passwordClient();

    Page<Job> running = client.jobs(Query.of().with("state", "RUNNING").with("limit", 1));
    Page<Job> analysis =
        client.jobs(
            Query.of()
                .with("tags", "experiment:md-lipid")
                .with("tags", "stage:analysis")
                .with("state", "AWAITING_PARENTS")
                .with("state", "STAGED_IN")
                .with("limit", 1));
    Page<Event> firstRunning =
        client.events(
            Query.of().with("to_state", "RUNNING").with("ordering", "timestamp").with("limit", 2));

    assertThat(running.count()).isEqualTo(3);
    assertThat(running.results()).extracting(Job::id).containsExactly(76L);
    assertThat(analysis.count()).isEqualTo(10);
    assertThat(analysis.results()).extracting(Job::id).containsExactly(116L);
    assertThat(firstRunning.count()).isEqualTo(127);
    assertThat(firstRunning.results()).extracting(Event::id).containsExactly(156L, 163L);
  }

  @Test
  void aRefusedTokenLeadsToOneNewLoginAndTheRequestIsRepeated() throws BalsamException {
    HttpBalsamClient client = balsam.passwordClient();
    client.jobs(Query.of().with("limit", 0));

    balsam.simulator.faults().expireAllTokens();
    Page<Job> page = client.jobs(Query.of().with("limit", 0));

    assertThat(page.count()).isEqualTo(199);
    assertThat(balsam.requests)
        .containsExactly(
            "/auth/password/login 200",
            "/jobs/ 200",
            "/jobs/ 401",
            "/auth/password/login 200",
            "/jobs/ 200");
  }

  @Test
  void aTokenCloseToItsExpiryIsReplacedBeforeBalsamRefusesIt() throws BalsamException {
    HttpBalsamClient client = balsam.passwordClient();
    client.sites(Query.of());
    Optional<Instant> firstExpiry = client.tokenExpiry();

    balsam.clock.advance(
        Duration.ofHours(48).minus(PasswordLogin.RENEW_BEFORE_EXPIRY).plusSeconds(1));
    client.sites(Query.of());

    assertThat(balsam.requests)
        .containsExactly(
            "/auth/password/login 200", "/sites/ 200", "/auth/password/login 200", "/sites/ 200");
    assertThat(client.tokenExpiry().get()).isAfter(firstExpiry.get());
  }

  @Test
  void aTokenStillFarFromExpiryIsReused() throws BalsamException {
    HttpBalsamClient client = balsam.passwordClient();
    client.sites(Query.of());

    balsam.clock.advance(Duration.ofHours(47));
    client.sites(Query.of());

    assertThat(balsam.requests)
        .containsExactly("/auth/password/login 200", "/sites/ 200", "/sites/ 200");
  }

  @Test
  void aTokenBalsamDoesNotKnowIsUnauthorizedAndNeverShown() {
    String token = "made-up-token-0123456789";
    HttpBalsamClient client = balsam.client(FixedToken.direct(token, "test"));

    assertThatThrownBy(() -> client.sites(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
              assertThat(e.status()).isEqualTo(401);
            })
        .hasMessage(
            "GET /sites/ failed: 401 Unauthorized: Could not validate credentials;"
                + " the configured token (test) was refused; configure a new one")
        .hasMessageNotContaining(token);
    assertThat(balsam.requests).containsExactly("/sites/ 401");
  }

  @Test
  void aWrongPasswordIsUnauthorizedAndNeverShown() {
    HttpBalsamClient client = balsam.client(new PasswordLogin(SimHarness.USER, "wrong-pw-123"));

    assertThatThrownBy(() -> client.events(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
        .hasMessage(
            "POST /auth/password/login failed: 401 Unauthorized: Balsam refused the password of user dev")
        .hasMessageNotContaining("wrong-pw-123");
    assertThat(balsam.requests).containsExactly("/auth/password/login 401");
  }

  @Test
  void aRequestBalsamRejectsIsAClientErrorWithTheServersReason() {
    HttpBalsamClient client = balsam.passwordClient();

    assertThatThrownBy(() -> client.events(Query.of().with("ordering", "id")))
        .isInstanceOfSatisfying(
            BalsamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CLIENT_ERROR);
              assertThat(e.status()).isEqualTo(422);
            })
        .hasMessageStartingWith("GET /events/ failed: 422 Unprocessable Entity: query.ordering:")
        .hasMessageContaining("'timestamp', '-timestamp'");
  }

  @Test
  void aStrayRedirectIsFollowedOnTheSameServerWithTheToken() throws Exception {
    BalsamHttp http =
        BalsamHttp.create(
            balsam.simulator.baseUrl(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            BalsamTarget.DEFAULT_MAX_RESPONSE_BYTES,
            Optional.empty(),
            balsam.observer());
    BearerToken token =
        new PasswordLogin(SimHarness.USER, SimHarness.PASSWORD).token(http, balsam.clock.instant());

    try (BalsamResponse response = http.get("/events", Query.of().with("limit", 1), token)) {
      Page<Event> page = new PageReader<>(Event.class).read(response);

      assertThat(page.count()).isEqualTo(836);
      assertThat(page.results()).hasSize(1);
    }
    assertThat(balsam.requests)
        .containsExactly("/auth/password/login 200", "/events 307", "/events 200");
  }

  @Test
  void malformedAndTruncatedPagesAreBadResponses() throws BalsamException {
    HttpBalsamClient client = balsam.passwordClient();
    client.events(Query.of().with("limit", 0));

    balsam.simulator.faults().malformedJson(1);
    assertThatThrownBy(() -> client.events(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageStartingWith(
            "GET /events/ failed: 200 OK but the body is not the expected JSON: Unexpected character");

    balsam.simulator.faults().truncatedJson(1);
    assertThatThrownBy(() -> client.events(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageContaining("Unexpected end-of-input");

    assertThat(client.events(Query.of()).count()).isEqualTo(836);
  }

  @Test
  void aLoginAnswerThatIsNotJsonIsABadResponseThatQuotesNothing() {
    HttpBalsamClient client = balsam.passwordClient();

    balsam.simulator.faults().truncatedJson(1);
    assertThatThrownBy(() -> client.sites(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
              assertThat(e.getCause()).isNull();
            })
        .hasMessage(
            "POST /auth/password/login failed: 200 OK but the body is not the expected JSON:"
                + " malformed JSON");
  }
}

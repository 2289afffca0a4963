package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The retrying client against a simulated Balsam that fails on purpose. */
class FaultToleranceTest {
  private static final RetryPolicy FOUR_ATTEMPTS =
      new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(10));

  @AutoClose private final SimulatedBalsam balsam = new SimulatedBalsam();
  private final List<Duration> slept = new ArrayList<>();

  private BalsamApi retrying(HttpBalsamClient client) {
    return new RetryingBalsamApi(client, FOUR_ATTEMPTS, slept::add, () -> 0.5);
  }

  /** Logs in and clears the request record, so each test sees only its own requests. */
  private BalsamApi loggedIn(HttpBalsamClient client) throws BalsamException {
    BalsamApi api = retrying(client);
    api.sites(Query.of().with("limit", 0));
    balsam.requests.clear();
    return api;
  }

  @Test
  void retriesAreCountedPerListingAndNotLoggedAtInfo() throws BalsamException {
    java.util.List<String> retried = new ArrayList<>();
    RequestObserver counting =
        new RequestObserver() {
          @Override
          public void requestDone(String endpoint, String code) {}

          @Override
          public void retried(String endpoint) {
            retried.add(endpoint);
          }
        };
    BalsamApi api =
        new RetryingBalsamApi(
            balsam.passwordClient(), FOUR_ATTEMPTS, slept::add, () -> 0.5, counting);
    api.sites(Query.of().with("limit", 0));

    balsam.simulator.faults().serverErrors(2);
    try (io.balsamexporter.testing.LogCapture log = io.balsamexporter.testing.LogCapture.start()) {
      api.events(Query.of().with("limit", 3));
      assertThat(log.text()).doesNotContain("retrying");
    }
    assertThat(retried).containsExactly("/events/", "/events/");
  }

  @Test
  void serverErrorsAreRetriedUntilBalsamAnswers() throws BalsamException {
    BalsamApi api = loggedIn(balsam.passwordClient());

    balsam.simulator.faults().serverErrors(2);
    Page<Event> page = api.events(Query.of().with("limit", 3));

    assertThat(page.results()).hasSize(3);
    assertThat(balsam.requests).containsExactly("/events/ 500", "/events/ 500", "/events/ 200");
    assertThat(slept).containsExactly(Duration.ofMillis(375), Duration.ofMillis(750));
  }

  @Test
  void serverErrorsOutlastingTheAttemptsFailWithTheirCount() throws BalsamException {
    BalsamApi api = loggedIn(balsam.passwordClient());

    balsam.simulator.faults().serverErrors(10);

    assertThatThrownBy(() -> api.events(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR))
        .hasMessage("GET /events/ failed: 500 Internal Server Error after 4 attempts");
    assertThat(balsam.requests).hasSize(4).allMatch(r -> r.equals("/events/ 500"));
  }

  @Test
  void aFailingLoginIsRetriedLikeAListing() throws BalsamException {
    BalsamApi api = retrying(balsam.passwordClient());

    balsam.simulator.faults().serverErrors(1);
    api.jobs(Query.of().with("limit", 0));

    assertThat(balsam.requests)
        .containsExactly("/auth/password/login 500", "/auth/password/login 200", "/jobs/ 200");
  }

  @Test
  void aMalformedBodyIsNotRetried() throws BalsamException {
    BalsamApi api = loggedIn(balsam.passwordClient());

    balsam.simulator.faults().malformedJson(1);

    assertThatThrownBy(() -> api.batchJobs(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
    assertThat(balsam.requests).containsExactly("/batch-jobs/ 200");
    assertThat(slept).isEmpty();
  }

  @Test
  void aServerThatIsDownIsUnreachableUntilItIsUpAgain() throws BalsamException {
    BalsamApi api = loggedIn(balsam.passwordClient());

    balsam.simulator.faults().down();
    assertThatThrownBy(() -> api.sites(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
        .hasMessage("GET /sites/ failed: connection refused after 4 attempts");
    assertThat(balsam.requests)
        .containsExactly("/sites/ error", "/sites/ error", "/sites/ error", "/sites/ error");

    balsam.simulator.faults().up();
    assertThat(api.sites(Query.of()).count()).isEqualTo(2);
  }

  @Test
  void aServerSlowerThanTheRequestTimeoutIsUnreachable() throws BalsamException {
    HttpBalsamClient client =
        balsam.client(
            new PasswordLogin(SimHarness.USER, SimHarness.PASSWORD), Duration.ofMillis(200));
    client.sites(Query.of().with("limit", 0));
    balsam.requests.clear();

    balsam.simulator.faults().slow(Duration.ofSeconds(1));
    try {
      assertThatThrownBy(() -> client.sites(Query.of()))
          .isInstanceOfSatisfying(
              BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
          .hasMessage("GET /sites/ failed: no response within 200ms");
    } finally {
      balsam.simulator.faults().slow(Duration.ZERO);
    }
    assertThat(balsam.requests).containsExactly("/sites/ error");
  }
}

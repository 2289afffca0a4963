package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RetryingBalsamApiTest {
  private static final RetryPolicy FOUR_ATTEMPTS =
      new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(10));

  private final List<Duration> slept = new ArrayList<>();
  private final Sleeper recordingSleeper = slept::add;

  /** Fails with the scripted exceptions, in order, then answers an empty page. */
  static final class ScriptedApi implements BalsamApi {
    final Deque<BalsamException> failures = new ArrayDeque<>();
    int calls;

    ScriptedApi failing(BalsamException... errors) {
      failures.addAll(List.of(errors));
      return this;
    }

    private <T> Page<T> answer() throws BalsamException {
      calls++;
      BalsamException next = failures.poll();
      if (next != null) {
        throw next;
      }
      return new Page<>(0, List.of());
    }

    @Override
    public Page<Site> sites(Query query) throws BalsamException {
      return answer();
    }

    @Override
    public Page<App> apps(Query query) throws BalsamException {
      return answer();
    }

    @Override
    public Page<Job> jobs(Query query) throws BalsamException {
      return answer();
    }

    @Override
    public Page<BatchJob> batchJobs(Query query) throws BalsamException {
      return answer();
    }

    @Override
    public Page<Event> events(Query query) throws BalsamException {
      return answer();
    }

    @Override
    public Optional<Instant> tokenExpiry() {
      return Optional.of(Instant.parse("2026-11-28T09:13:08Z"));
    }
  }

  static BalsamException error(Kind kind, int status, String message) {
    return new BalsamException(kind, status, message);
  }

  static BalsamException unavailable() {
    return error(Kind.SERVER_ERROR, 503, "GET /events/ failed: 503 Service Unavailable");
  }

  @Test
  void aServerErrorIsRetriedUntilTheServerAnswers() throws BalsamException {
    ScriptedApi api =
        new ScriptedApi()
            .failing(
                unavailable(),
                error(Kind.UNREACHABLE, 0, "GET /events/ failed: connection refused"));
    RetryingBalsamApi retrying =
        new RetryingBalsamApi(api, FOUR_ATTEMPTS, recordingSleeper, () -> 0);

    Page<Event> page = retrying.events(Query.of());

    assertThat(page.count()).isZero();
    assertThat(api.calls).isEqualTo(3);
    assertThat(slept).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
  }

  @Test
  void theLastErrorIsRaisedWithTheNumberOfAttemptsWhenTheyAreSpent() {
    ScriptedApi api =
        new ScriptedApi().failing(unavailable(), unavailable(), unavailable(), unavailable());
    RetryingBalsamApi retrying =
        new RetryingBalsamApi(api, FOUR_ATTEMPTS, recordingSleeper, () -> 0.999);

    assertThatThrownBy(() -> retrying.events(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
              assertThat(e.status()).isEqualTo(503);
            })
        .hasMessage("GET /events/ failed: 503 Service Unavailable after 4 attempts");
    assertThat(api.calls).isEqualTo(4);
    assertThat(slept).hasSize(3);
    for (int retry = 1; retry <= 3; retry++) {
      assertThat(slept.get(retry - 1))
          .isBetween(
              FOUR_ATTEMPTS.nominalDelay(retry).dividedBy(2), FOUR_ATTEMPTS.nominalDelay(retry));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Kind.class,
      names = {"CLIENT_ERROR", "BAD_RESPONSE", "UNAUTHORIZED"})
  void failuresThatWouldRepeatThemselvesAreNotRetried(Kind kind) {
    BalsamException original = error(kind, 422, "GET /jobs/ failed: 422 Unprocessable Entity");
    ScriptedApi api = new ScriptedApi().failing(original);
    RetryingBalsamApi retrying =
        new RetryingBalsamApi(api, FOUR_ATTEMPTS, recordingSleeper, () -> 0);

    assertThatThrownBy(() -> retrying.jobs(Query.of())).isSameAs(original);
    assertThat(api.calls).isEqualTo(1);
    assertThat(slept).isEmpty();
  }

  @Test
  void aSingleAttemptPolicyNeverSleeps() {
    ScriptedApi api = new ScriptedApi().failing(unavailable());
    RetryingBalsamApi retrying =
        new RetryingBalsamApi(api, RetryPolicy.withRetries(0), recordingSleeper, () -> 0);

    assertThatThrownBy(() -> retrying.sites(Query.of()))
        .hasMessage("GET /events/ failed: 503 Service Unavailable");
    assertThat(slept).isEmpty();
  }

  @Test
  void anInterruptedWaitStopsRetryingAndKeepsTheInterrupt() {
    ScriptedApi api = new ScriptedApi().failing(unavailable(), unavailable());
    Sleeper interrupted =
        d -> {
          throw new InterruptedException();
        };
    RetryingBalsamApi retrying = new RetryingBalsamApi(api, FOUR_ATTEMPTS, interrupted, () -> 0);

    try {
      assertThatThrownBy(() -> retrying.batchJobs(Query.of()))
          .hasMessageEndingWith("after 1 attempt");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(api.calls).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void theTokenExpiryOfTheWrappedClientShowsThrough() {
    RetryingBalsamApi retrying = new RetryingBalsamApi(new ScriptedApi(), FOUR_ATTEMPTS);

    assertThat(retrying.tokenExpiry()).contains(Instant.parse("2026-11-28T09:13:08Z"));
  }

  @Test
  void everyListingGoesThroughTheRetries() throws BalsamException {
    ScriptedApi api = new ScriptedApi();
    RetryingBalsamApi retrying =
        new RetryingBalsamApi(api, FOUR_ATTEMPTS, recordingSleeper, () -> 0);
    List<Call> listings =
        List.of(
            () -> retrying.sites(Query.of()),
            () -> retrying.apps(Query.of()),
            () -> retrying.jobs(Query.of()),
            () -> retrying.batchJobs(Query.of()),
            () -> retrying.events(Query.of()));

    for (Call listing : listings) {
      api.failing(unavailable());
      listing.run();
    }

    assertThat(api.calls).isEqualTo(10);
    assertThat(slept).hasSize(5);
  }

  @FunctionalInterface
  interface Call {
    void run() throws BalsamException;
  }
}

package io.balsamexporter.sim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class FaultsTest {
  @AutoClose private final SimHarness dev = SimHarness.withDevFixtures();
  private final Faults faults = dev.simulator.faults();
  private final String token = dev.login();

  @Test
  void downRefusesConnectionsAndUpServesAgainOnTheSamePort() throws Exception {
    faults.down();

    assertThatThrownBy(() -> dev.http.sendRaw("/sites/?limit=0", token))
        .isInstanceOf(ConnectException.class);

    faults.up();

    assertThat(dev.http.sendRaw("/sites/?limit=0", token).statusCode()).isEqualTo(200);
  }

  @Test
  void everyUpServesAgainHoweverOftenTheServerGoesDown() throws Exception {
    // A restart once raced with the previous connector's acceptor thread and left the port
    // refusing for good, about one cycle in fifty on a busy machine.
    for (int cycle = 0; cycle < 25; cycle++) {
      faults.down();
      assertThatThrownBy(() -> dev.http.sendRaw("/sites/?limit=0", token))
          .isInstanceOf(ConnectException.class);
      faults.up();

      assertThat(dev.http.sendRaw("/sites/?limit=0", token).statusCode())
          .as("cycle %d", cycle)
          .isEqualTo(200);
    }
  }

  @Test
  void downAndUpAreIdempotentAndCloseWorksWhileDown() throws Exception {
    faults.up();
    faults.down();
    faults.down();

    assertThatThrownBy(() -> dev.http.sendRaw("/sites/?limit=0", token))
        .isInstanceOf(ConnectException.class);
    dev.simulator.close();
  }

  @Test
  void tokensSurviveTheServerGoingDownAndUp() throws Exception {
    faults.down();
    faults.up();
    faults.down();
    faults.up();

    assertThat(dev.http.get("/auth/password/me", token).statusCode()).isEqualTo(200);
  }

  @Test
  void serverErrorsAnswer500InPlainTextForTheNextRequestsOnly() {
    faults.serverErrors(2);

    for (int i = 0; i < 2; i++) {
      HttpResponse<String> failed = dev.http.get("/jobs/?limit=1", token);
      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(failed.body()).isEqualTo("Internal Server Error");
      assertThat(failed.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }
    assertThat(dev.http.get("/jobs/?limit=1", token).statusCode()).isEqualTo(200);
  }

  @Test
  void malformedJsonIsA200ThatDoesNotParse() {
    faults.malformedJson(1);

    HttpResponse<String> response = dev.http.get("/jobs/?limit=1", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> BalsamJson.mapper().readTree(response.body()))
        .isInstanceOf(JsonProcessingException.class);
    assertThat(dev.http.get("/jobs/?limit=1", token).statusCode()).isEqualTo(200);
  }

  @Test
  void truncatedJsonIsTheFirstHalfOfTheRealBody() {
    String full = dev.http.get("/events/?limit=5", token).body();
    faults.truncatedJson(1);

    HttpResponse<String> response = dev.http.get("/events/?limit=5", token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(full.substring(0, full.length() / 2));
    assertThat(dev.http.get("/events/?limit=5", token).body()).isEqualTo(full);
  }

  @Test
  void expiringAllTokensRefusesOldTokensButNotNewLogins() {
    faults.expireAllTokens();

    HttpResponse<String> refused = dev.http.get("/sites/", token);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.body()).isEqualTo("{\"detail\":\"Could not validate credentials\"}");
    assertThat(dev.http.get("/sites/", dev.login()).statusCode()).isEqualTo(200);
  }

  @Test
  void actionAfterAPageRunsOnceBeforeTheClientCanAskForTheNext() {
    AtomicInteger runs = new AtomicInteger();
    faults.onceAfterPage(
        "/events/",
        () -> {
          runs.incrementAndGet();
          dev.store.update(
              data ->
                  data.events.add(
                      new Event(
                          data.nextEventId++,
                          1,
                          dev.clock.instant(),
                          "JOB_FINISHED",
                          "RESTART_READY",
                          Map.of())));
        });

    long first = count("/events/?ordering=timestamp&limit=100");
    long second = count("/events/?ordering=timestamp&limit=100&offset=100");
    long third = count("/events/?ordering=timestamp&limit=100&offset=200");

    assertThat(first).isEqualTo(836);
    assertThat(second).isEqualTo(837);
    assertThat(third).isEqualTo(837);
    assertThat(runs).hasValue(1);
  }

  @Test
  void actionAfterAPageWaitsForThatListing() {
    AtomicInteger runs = new AtomicInteger();
    faults.onceAfterPage("/events/", runs::incrementAndGet);

    dev.http.get("/jobs/?limit=1", token);
    dev.http.get("/events/?limit=-", token);

    assertThat(runs).hasValue(0);
    dev.http.get("/events/?limit=1", token);
    assertThat(runs).hasValue(1);
  }

  @Test
  void actionAfterAPageRefusesAPathThatIsNotAListing() {
    assertThatThrownBy(() -> faults.onceAfterPage("/events", () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/events/");
  }

  @Test
  void slowServerDelaysEachRequest() {
    faults.slow(Duration.ofMillis(40));

    long started = System.nanoTime();
    dev.http.get("/sites/?limit=0", token);
    long elapsed = System.nanoTime() - started;

    assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(40));
  }

  @Test
  void resetClearsEverySwitchAndListensAgain() throws Exception {
    faults.serverErrors(5);
    faults.malformedJson(5);
    faults.truncatedJson(5);
    faults.slow(Duration.ofSeconds(30));
    faults.down();

    faults.reset();

    HttpResponse<String> response = dev.http.sendRaw("/sites/?limit=0", token);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"count\":2,\"results\":[]}");
  }

  private long count(String pathAndQuery) {
    return Http.json(dev.http.get(pathAndQuery, token)).get("count").asLong();
  }
}

package io.balsamexporter.balsam;

import io.balsamexporter.sim.BalsamSimulator;
import io.balsamexporter.sim.FixtureLoader;
import io.balsamexporter.sim.SimAccounts;
import io.balsamexporter.sim.SimStore;
import io.balsamexporter.testing.ManualClock;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The project's simulator serving the recorded dev workload, with a clock the test moves and a
 * record of every request the client reports.
 */
final class SimulatedBalsam implements AutoCloseable {
  static final String USER = "dev";
  static final String PASSWORD = "dev-password-not-for-logs";

  /** When the fixtures were recorded: every timestamp in them is earlier. */
  static final Instant RECORDED_AT = Instant.parse("2026-11-26T09:25:28.850018Z");

  final ManualClock clock = new ManualClock(RECORDED_AT);
  final SimStore store = new SimStore(clock);
  final BalsamSimulator simulator;
  final List<String> requests = new CopyOnWriteArrayList<>();

  SimulatedBalsam() throws IOException {
    long userId = SimAccounts.register(store, USER, PASSWORD);
    FixtureLoader.load(store, userId, fixtures());
    simulator = BalsamSimulator.start(store);
  }

  static Path fixtures() {
    try {
      return Path.of(SimulatedBalsam.class.getResource("/fixtures/dev").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  RequestObserver observer() {
    return (endpoint, code) -> requests.add(endpoint + " " + code);
  }

  HttpBalsamClient client(BalsamAuthenticator authenticator) {
    return client(authenticator, HttpBalsamClient.DEFAULT_REQUEST_TIMEOUT);
  }

  HttpBalsamClient client(BalsamAuthenticator authenticator, Duration requestTimeout) {
    return HttpBalsamClient.builder(simulator.baseUrl(), authenticator)
        .requestTimeout(requestTimeout)
        .observer(observer())
        .clock(clock)
        .build();
  }

  HttpBalsamClient passwordClient() {
    return client(new PasswordLogin(USER, PASSWORD));
  }

  @Override
  public void close() {
    simulator.close();
  }
}

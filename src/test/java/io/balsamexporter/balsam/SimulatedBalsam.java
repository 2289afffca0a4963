package io.balsamexporter.balsam;

import io.balsamexporter.sim.BalsamSimulator;
import io.balsamexporter.testing.ManualClock;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shared {@link SimHarness} seen from the client's package: it builds {@link HttpBalsamClient}s
 * against the simulator and records every request they report.
 */
final class SimulatedBalsam implements AutoCloseable {
  private final SimHarness harness = SimHarness.withDevFixtures();

  final ManualClock clock = harness.clock;
  final BalsamSimulator simulator = harness.simulator;
  final List<String> requests = new CopyOnWriteArrayList<>();

  RequestObserver observer() {
    return (endpoint, code) -> requests.add(endpoint + " " + code);
  }

  HttpBalsamClient client(BalsamAuthenticator authenticator) {
    return client(authenticator, BalsamTarget.DEFAULT_REQUEST_TIMEOUT);
  }

  HttpBalsamClient client(BalsamAuthenticator authenticator, Duration requestTimeout) {
    return HttpBalsamClient.builder(simulator.baseUrl(), authenticator)
        .requestTimeout(requestTimeout)
        .observer(observer())
        .clock(clock)
        .build();
  }

  HttpBalsamClient passwordClient() {
    return client(new PasswordLogin(SimHarness.USER, SimHarness.PASSWORD));
  }

  @Override
  public void close() {
    harness.close();
  }
}

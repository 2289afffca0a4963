package io.balsamexporter.testing;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamClients;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.sim.BalsamSimulator;
import io.balsamexporter.sim.store.FixtureLoader;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimWrites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The project's simulated Balsam, loaded with the recorded dev workload and served over real HTTP
 * on loopback, with a server clock the test controls.
 */
public final class SimHarness implements AutoCloseable {
  /** When the dev fixtures were recorded: the server's "now" for the loaded workload. */
  public static final Instant RECORDED_AT = Instant.parse("2026-11-26T09:25:28.850018Z");

  public static final String USER = "dev";
  public static final String PASSWORD = "dev-password";

  public final ManualClock clock = new ManualClock(RECORDED_AT);
  public final SimStore store = new SimStore(clock);
  public final SimWrites writes = new SimWrites(store);
  public final long userId;
  public final BalsamSimulator simulator;

  /** Plain HTTP to {@link #simulator}, for tests of what it answers on the wire. */
  public final Http http;

  private SimHarness(boolean withFixtures) {
    this(withFixtures, (store, user) -> {});
  }

  private SimHarness(boolean withFixtures, BiConsumer<SimStore, Long> setup) {
    userId = SimAccounts.register(store, USER, PASSWORD);
    setup.accept(store, userId);
    if (withFixtures) {
      try {
        FixtureLoader.load(store, userId, DevFixture.dir());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    simulator = BalsamSimulator.start(store);
    http = Http.at(simulator.baseUrl());
  }

  /** A simulator holding the dev workload, owned by {@link #USER}. */
  public static SimHarness withDevFixtures() {
    return new SimHarness(true);
  }

  /**
   * A simulator whose store {@code setup} fills, given the store and {@link #USER}'s id, before it
   * starts serving (a bulk-built campaign, say).
   */
  public static SimHarness prepared(BiConsumer<SimStore, Long> setup) {
    return new SimHarness(false, setup);
  }

  /** A simulator with {@link #USER} registered and nothing else. */
  public static SimHarness empty() {
    return new SimHarness(false);
  }

  /** Logs in as {@link #USER} over {@link #http} and returns the bearer token. */
  public String login() {
    return http.login(USER, PASSWORD);
  }

  /** A config for an exporter that polls this simulator. */
  public ExporterConfig config(int pageSize) {
    return TestConfigs.loopback(
        Optional.of(simulator.baseUrl()),
        new Credentials.Password(USER, PASSWORD),
        pageSize,
        Duration.ofSeconds(5),
        0);
  }

  /** The project's real HTTP client, logged in as {@link #USER}. */
  public BalsamApi client(int pageSize, RequestObserver observer) {
    try {
      return BalsamClients.create(config(pageSize).balsam().target(), observer, clock);
    } catch (BalsamException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    simulator.close();
  }
}

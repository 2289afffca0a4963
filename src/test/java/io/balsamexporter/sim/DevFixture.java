package io.balsamexporter.sim;

import io.balsamexporter.testing.ManualClock;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The recorded dev workload served by a simulator, as tests use it. */
final class DevFixture implements AutoCloseable {
  static final String USER = "dev";
  static final String PASSWORD = "dev-password";

  /** When the fixtures were recorded: every timestamp in them is earlier. */
  static final Instant RECORDED_AT = Instant.parse("2026-11-26T09:25:28.850018Z");

  final ManualClock clock = new ManualClock(RECORDED_AT);
  final SimStore store = new SimStore(clock);
  final long userId;
  final BalsamSimulator simulator;
  final SimHttp http;

  DevFixture() {
    userId = SimAccounts.register(store, USER, PASSWORD);
    try {
      FixtureLoader.load(store, userId, dir());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    simulator = BalsamSimulator.start(store);
    http = new SimHttp(simulator.baseUrl());
  }

  String login() {
    return http.login(USER, PASSWORD);
  }

  static Path dir() {
    try {
      return Path.of(DevFixture.class.getResource("/fixtures/dev").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String file(String name) throws IOException {
    return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    simulator.close();
  }
}

package io.balsamexporter.config;

import io.balsamexporter.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Loads configs in isolation: a fixed clock, and an environment whose Balsam client file points
 * into the test's own directory, so a real ~/.balsam/client.yml never leaks in.
 */
final class ConfigFixture {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  final Path dir;
  final Map<String, String> env = new HashMap<>();
  final ManualClock clock = new ManualClock(NOW);

  ConfigFixture(Path dir) {
    this.dir = dir;
    env.put("BALSAM_CLIENT_PATH", dir.resolve("client.yml").toString());
  }

  ConfigFixture env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  Path clientFile(String content) throws IOException {
    return write("client.yml", content);
  }

  ConfigLoader.Outcome load(String... args) throws ConfigException {
    return new ConfigLoader(env, clock).load(args);
  }

  ConfigLoader.Outcome.Run run(String... args) throws ConfigException {
    return (ConfigLoader.Outcome.Run) load(args);
  }

  ExporterConfig config(String... args) throws ConfigException {
    return run(args).config();
  }
}

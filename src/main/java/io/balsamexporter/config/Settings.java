package io.balsamexporter.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The merged settings, before validation: for each one, the flag if given, else the environment,
 * else the config file, else the table's default.
 */
final class Settings {
  private final Map<FlagSpec, Setting> explicit = new HashMap<>();

  /** Merges the sources; {@code strongestFirst} lists them from flags to file. */
  @SafeVarargs
  static Settings merge(Map<FlagSpec, Setting>... strongestFirst) {
    Settings settings = new Settings();
    for (Map<FlagSpec, Setting> source : strongestFirst) {
      source.forEach(settings.explicit::putIfAbsent);
    }
    return settings;
  }

  /** The setting as some source gave it, ignoring the default. */
  Optional<Setting> explicit(FlagSpec spec) {
    return Optional.ofNullable(explicit.get(spec));
  }

  /** The setting as given, else its default; empty when neither exists. */
  Optional<Setting> get(FlagSpec spec) {
    return explicit(spec)
        .or(() -> spec.defaultValue().map(value -> Setting.ofDefault(spec, value)));
  }

  /** For settings that have a default, which the table guarantees. */
  Setting required(FlagSpec spec) {
    return get(spec).orElseThrow(() -> new IllegalStateException(spec.name() + " has no default"));
  }
}

package io.balsamexporter.config;

import io.balsamexporter.config.FlagSpec.Source;
import java.util.Optional;

/**
 * One value as given, before validation, with where it came from so that an error can point at the
 * place to fix.
 *
 * @param spec the setting
 * @param value the text as given (YAML scalars and sequences are turned into flag syntax)
 * @param source where it came from; empty for a default
 * @param where how to find it, e.g. {@code BALSAM_EXPORTER_BALSAM_URL} or {@code balsam.url in
 *     exporter.yml}
 */
record Setting(FlagSpec spec, String value, Optional<Source> source, String where) {

  static Setting ofDefault(FlagSpec spec, String value) {
    return new Setting(spec, value, Optional.empty(), "default");
  }

  boolean isExplicit() {
    return source.isPresent();
  }

  /**
   * An error about this value: {@code --name <rule>, got <value> (set by <where>)}. The value of a
   * secret is left out.
   */
  ConfigException invalid(String rule) {
    String got = spec.secret() ? "" : ", got " + (value.isEmpty() ? "an empty value" : value);
    return new ConfigException(spec.displayName() + " " + rule + got + origin());
  }

  /** An error about this setting that does not quote the value, e.g. a file that cannot be read. */
  ConfigException problem(String description) {
    return new ConfigException(spec.displayName() + " " + description + origin());
  }

  /** Where to fix it, unless it is the flag itself, which the message already names. */
  String origin() {
    return source.isEmpty() || source.get() == Source.FLAG ? "" : " (set by " + where + ")";
  }

  @Override
  public String toString() {
    String shown = spec.secret() ? "<redacted>" : value;
    return "Setting[" + spec.name() + "=" + shown + ", where=" + where + "]";
  }
}

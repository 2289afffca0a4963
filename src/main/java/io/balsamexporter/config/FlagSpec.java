package io.balsamexporter.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One setting of the exporter: its name, where it may be given, its default and its help. The table
 * of these ({@link Flags#all()}) drives flag parsing, environment names, YAML keys, the help text
 * and the README.
 *
 * @param name the dotted name, e.g. {@code balsam.url}: the flag without its dashes and the YAML
 *     key
 * @param syntax how a value is written
 * @param defaultValue the value used when no source sets it, in the same syntax as a flag value
 * @param shownDefault the default as the help shows it
 * @param help one sentence for the help text and the README
 * @param sources where it may be given
 * @param secret its value must never be shown
 */
public record FlagSpec(
    String name,
    Syntax syntax,
    Optional<String> defaultValue,
    String shownDefault,
    String help,
    Set<Source> sources,
    boolean secret) {

  /** How a value is written. */
  public enum Syntax {
    /** {@code --name=value} or {@code --name value}. */
    VALUE,
    /** A comma-separated list; in YAML also a sequence. */
    LIST,
    /** A boolean: {@code --name} alone means true. */
    SWITCH,
    /** Takes no value and ends the run, like {@code --help}. */
    ACTION
  }

  /** Where a setting comes from, from the strongest to the weakest. */
  public enum Source {
    FLAG,
    ENV,
    FILE
  }

  public static final String ENV_PREFIX = "BALSAM_EXPORTER_";

  public FlagSpec {
    sources = Set.copyOf(sources);
  }

  public boolean accepts(Source source) {
    return sources.contains(source);
  }

  /** The flag as typed, e.g. {@code --balsam.url}; empty when it cannot be given as a flag. */
  public String flag() {
    return accepts(Source.FLAG) ? "--" + name : "";
  }

  /** e.g. {@code BALSAM_EXPORTER_BALSAM_URL}; empty when the environment cannot set it. */
  public String envName() {
    return accepts(Source.ENV) ? envNameOf(name) : "";
  }

  /** How error messages name this setting: its flag, or its variable when it has no flag. */
  public String displayName() {
    return accepts(Source.FLAG) ? flag() : envName();
  }

  static String envNameOf(String name) {
    return ENV_PREFIX + name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}

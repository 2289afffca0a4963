package io.balsamexporter.config;

/**
 * A configuration the exporter refuses to start with. The message names the field and the rule and
 * is safe to print: it never holds a password or token.
 */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}

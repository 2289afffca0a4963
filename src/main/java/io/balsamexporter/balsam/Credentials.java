package io.balsamexporter.balsam;

import java.nio.file.Path;

/**
 * How the exporter proves who it is to Balsam, in the order of preference the exporter applies.
 * {@code toString} never shows a secret.
 */
public sealed interface Credentials {

  /** Username and password through {@code POST /auth/password/login}; logs in again on expiry. */
  record Password(String username, String password) implements Credentials {
    @Override
    public String toString() {
      return "Password[username=" + username + ", password=<redacted>]";
    }
  }

  /** The token {@code balsam login} stored in the client settings file (balsam-api.md §10). */
  record ClientFile(Path path) implements Credentials {}

  /** A file holding a bearer token, read again when it changes ({@code --balsam.token-file}). */
  record TokenFile(Path path) implements Credentials {}

  /** A bearer token given directly: flag or environment variable. */
  record Token(String token, String source) implements Credentials {
    @Override
    public String toString() {
      return "Token[source=" + source + ", token=<redacted>]";
    }
  }

  /** No credentials: only the demo, which logs in to its own simulator, runs without them. */
  record None() implements Credentials {}
}

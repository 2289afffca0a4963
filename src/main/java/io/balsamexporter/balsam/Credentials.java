package io.balsamexporter.balsam;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How the exporter proves who it is to Balsam, in the order of preference the exporter applies.
 * {@code toString} never shows a secret.
 */
public sealed interface Credentials {

  /**
   * Username and password through {@code POST /auth/password/login}; logs in again on expiry. The
   * password is the one read at start; when it came from a file, the file is read again after
   * Balsam refuses a token or a login, so a rotated password is used without a restart.
   */
  record Password(String username, String password, Optional<Path> passwordFile)
      implements Credentials {
    public Password {
      Objects.requireNonNull(passwordFile, "passwordFile");
    }

    /** A password given directly (the environment): nothing to read again. */
    public Password(String username, String password) {
      this(username, password, Optional.empty());
    }

    @Override
    public String toString() {
      return "Password[username="
          + username
          + ", password=<redacted>"
          + passwordFile.map(f -> ", file=" + f).orElse("")
          + "]";
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

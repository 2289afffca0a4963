package io.balsamexporter.balsam;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bearer token and, where known, when Balsam stops accepting it. {@code toString} never shows the
 * token.
 */
public record BearerToken(String value, Optional<Instant> expiry) {
  public BearerToken {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiry, "expiry");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a bearer token must not be blank");
    }
  }

  /** A token whose expiry is read from its JWT {@code exp} claim, when it has one. */
  public static BearerToken decoding(String value) {
    return new BearerToken(value, JwtExpiry.of(value));
  }

  /**
   * What is wrong with {@code text} as a bearer token read from a setting or a file, phrased to
   * follow the setting's name, or empty when it is usable. Never quotes the text.
   */
  public static Optional<String> problemWith(String text) {
    if (text.isEmpty()) {
      return Optional.of("gives an empty token");
    }
    if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
      return Optional.of("must be a single bearer token, without spaces or line breaks");
    }
    return Optional.empty();
  }

  public boolean expiredAt(Instant now) {
    return expiry.map(e -> !now.isBefore(e)).orElse(false);
  }

  /** Why Balsam refused it, as a clause: {@code " expired at …;"} or {@code " was refused;"}. */
  public String refusal(Instant now) {
    return expiredAt(now) ? " expired at " + expiry.get() + ";" : " was refused;";
  }

  public String authorizationHeader() {
    return "Bearer " + value;
  }

  @Override
  public String toString() {
    return "BearerToken[value=<redacted>, expiry="
        + expiry.map(Instant::toString).orElse("unknown")
        + "]";
  }
}

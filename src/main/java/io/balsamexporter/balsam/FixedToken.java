package io.balsamexporter.balsam;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token passed directly, by flag or environment, which the exporter cannot renew: when Balsam
 * refuses it, only the user can configure a new one. Tokens kept in files are {@link FileToken}s.
 */
public final class FixedToken implements BalsamAuthenticator {
  private final BearerToken token;
  private final String origin;

  private FixedToken(BearerToken token, String origin) {
    this.token = token;
    this.origin = origin;
  }

  /** A token given by flag or environment; its expiry is read from the JWT if it is one. */
  public static FixedToken direct(String token, String source) {
    Objects.requireNonNull(token, "token");
    return new FixedToken(BearerToken.decoding(token), "the configured token (" + source + ")");
  }

  @Override
  public BearerToken token(BalsamHttp http, Instant now) {
    return token;
  }

  @Override
  public Optional<BearerToken> renew(BearerToken rejected, BalsamHttp http, Instant now) {
    return Optional.empty();
  }

  @Override
  public Optional<Instant> tokenExpiry() {
    return token.expiry();
  }

  @Override
  public String rejectionAdvice(Instant now) {
    return "; " + origin + token.refusal(now) + " configure a new one";
  }

  @Override
  public String toString() {
    return "FixedToken[origin=" + origin + ", token=<redacted>]";
  }
}

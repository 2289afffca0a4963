package io.balsamexporter.balsam;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A token the exporter was given and cannot renew: the one {@code balsam login} stored in
 * client.yml, or one passed directly. When Balsam refuses it, only the user can get a new one.
 */
public final class FixedToken implements BalsamAuthenticator {
  private final BearerToken token;
  private final String origin;
  private final String advice;

  private FixedToken(BearerToken token, String origin, String advice) {
    this.token = token;
    this.origin = origin;
    this.advice = advice;
  }

  /** A token given by flag, environment or file; its expiry is read from the JWT if it is one. */
  public static FixedToken direct(String token, String source) {
    Objects.requireNonNull(token, "token");
    return new FixedToken(
        BearerToken.decoding(token),
        "the configured token (" + source + ")",
        "configure a new one");
  }

  /**
   * The login {@code balsam login} left in client.yml. A token that has already expired fails here,
   * at start, rather than at the first poll.
   */
  public static FixedToken fromClientFile(ClientSettingsFile file, Instant now)
      throws BalsamException {
    String origin = "the token in " + file.path();
    if (file.token().isEmpty()) {
      throw new BalsamException(
          Kind.UNAUTHORIZED,
          0,
          "there is no token in " + file.path() + "; run `balsam login` first");
    }
    String value = file.token().get();
    Optional<Instant> expiry = file.tokenExpiry().or(() -> JwtExpiry.of(value));
    BearerToken token = new BearerToken(value, expiry);
    if (token.expiredAt(now)) {
      throw new BalsamException(
          Kind.UNAUTHORIZED,
          0,
          origin + " expired at " + expiry.get() + "; run `balsam login` again");
    }
    return new FixedToken(token, origin, "run `balsam login` again");
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
    String expired =
        token.expiredAt(now) ? " expired at " + token.expiry().get() + ";" : " was refused;";
    return "; " + origin + expired + " " + advice;
  }

  @Override
  public String toString() {
    return "FixedToken[origin=" + origin + ", token=<redacted>]";
  }
}

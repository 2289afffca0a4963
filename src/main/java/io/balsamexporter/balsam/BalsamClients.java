package io.balsamexporter.balsam;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.net.URI;
import java.time.Clock;

/** Builds the client a target asks for: HTTP, authenticated, wrapped in retries. */
public final class BalsamClients {
  private BalsamClients() {}

  /**
   * The retrying HTTP client for {@code target}.
   *
   * @throws BalsamException UNAUTHORIZED when the credentials cannot be used at all, e.g. a token
   *     file that cannot be read
   * @throws IllegalArgumentException when the CA file is unreadable
   */
  public static BalsamApi create(BalsamTarget target, RequestObserver observer, Clock clock)
      throws BalsamException {
    URI url = target.url();
    BalsamApi http =
        HttpBalsamClient.builder(url, authenticator(target.credentials(), url))
            .requestTimeout(target.requestTimeout())
            .maxResponseBytes(target.maxResponseBytes())
            .caFile(target.caFile())
            .observer(observer)
            .clock(clock)
            .build();
    return new RetryingBalsamApi(http, RetryPolicy.withRetries(target.retries()), observer);
  }

  static BalsamAuthenticator authenticator(Credentials credentials, URI url)
      throws BalsamException {
    if (credentials instanceof Credentials.Password password) {
      return password
          .passwordFile()
          .map(file -> PasswordLogin.fromFile(password.username(), password.password(), file))
          .orElseGet(() -> new PasswordLogin(password.username(), password.password()));
    }
    if (credentials instanceof Credentials.ClientFile file) {
      return FileToken.clientFile(file.path(), url);
    }
    if (credentials instanceof Credentials.TokenFile file) {
      return FileToken.tokenFile(file.path());
    }
    if (credentials instanceof Credentials.Token token) {
      return FixedToken.direct(token.token(), token.source());
    }
    throw new BalsamException(
        Kind.UNAUTHORIZED,
        0,
        "no Balsam credentials: give a username and password, a token, or a `balsam login`");
  }
}

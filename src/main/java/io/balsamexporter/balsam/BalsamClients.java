package io.balsamexporter.balsam;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.balsamexporter.balsam.BalsamException.Kind;
import io.balsamexporter.config.Credentials;
import io.balsamexporter.config.ExporterConfig;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/** Builds the client a configuration asks for: HTTP, authenticated, wrapped in retries. */
public final class BalsamClients {
  private BalsamClients() {}

  /**
   * The retrying HTTP client for {@code config}; the demo's simulator is wired elsewhere.
   *
   * @throws BalsamException UNAUTHORIZED when the credentials cannot be used at all, e.g. the
   *     client.yml token has already expired
   * @throws IllegalArgumentException when the URL is missing or the CA file is unreadable
   */
  public static BalsamApi create(ExporterConfig config, RequestObserver observer, Clock clock)
      throws BalsamException {
    URI url =
        config
            .balsamUrl()
            .orElseThrow(() -> new IllegalArgumentException("a Balsam URL is required"));
    BalsamApi http =
        HttpBalsamClient.builder(url, authenticator(config.credentials(), clock))
            .requestTimeout(config.requestTimeout())
            .caFile(config.caFile())
            .observer(observer)
            .clock(clock)
            .build();
    return new RetryingBalsamApi(http, RetryPolicy.withRetries(config.retries()));
  }

  static BalsamAuthenticator authenticator(Credentials credentials, Clock clock)
      throws BalsamException {
    if (credentials instanceof Credentials.Password password) {
      return new PasswordLogin(password.username(), password.password());
    }
    if (credentials instanceof Credentials.ClientFile file) {
      ClientSettingsFile settings;
      try {
        settings = ClientSettingsFile.read(file.path());
      } catch (IOException e) {
        throw new BalsamException(
            Kind.UNAUTHORIZED,
            0,
            "cannot read the Balsam login in " + file.path() + ": " + reason(e));
      }
      return FixedToken.fromClientFile(settings, clock.instant());
    }
    if (credentials instanceof Credentials.Token token) {
      return FixedToken.direct(token.token(), token.source());
    }
    throw new BalsamException(
        Kind.UNAUTHORIZED,
        0,
        "no Balsam credentials: give a username and password, a token, or a `balsam login`");
  }

  /**
   * A YAML parser's message quotes the offending line, which may be the token line, so only its
   * position is kept; the cause is dropped for the same reason.
   */
  private static String reason(IOException e) {
    if (e instanceof JsonProcessingException yaml) {
      JsonLocation at = yaml.getLocation();
      return "not valid YAML" + (at == null ? "" : " (line " + at.getLineNr() + ")");
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

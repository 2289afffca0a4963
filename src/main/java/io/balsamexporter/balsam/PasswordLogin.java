package io.balsamexporter.balsam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.balsam.BalsamException.Kind;
import io.balsamexporter.log.LogLine;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in with username and password ({@code POST /auth/password/login}, balsam-api.md §2) and
 * keeps the token until shortly before it expires. Balsam has no refresh endpoint, so renewing
 * means logging in again. A password kept in a file is read again before a login when the file
 * changed or Balsam refused the last password or token, so a rotated password needs no restart.
 */
public final class PasswordLogin implements BalsamAuthenticator {
  static final String ENDPOINT = "/auth/password/login";

  /** Log in again this long before the token expires, so no poll runs into the expiry. */
  static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

  /** Never log in again sooner than this on our own, even if the server's clock disagrees. */
  static final Duration MIN_TOKEN_REUSE = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(PasswordLogin.class);

  private final String username;
  private final String password;
  private final Optional<PasswordFile> file;
  private BearerToken current;
  private Instant renewAt;

  /** A password given directly, which stays as it is. */
  public PasswordLogin(String username, String password) {
    this(username, password, Optional.empty());
  }

  /**
   * A password read from {@code passwordFile} at start ({@code password}), read again from it as
   * the class comment says.
   */
  public static PasswordLogin fromFile(String username, String password, Path passwordFile) {
    Objects.requireNonNull(passwordFile, "passwordFile");
    return new PasswordLogin(
        username, password, Optional.of(new PasswordFile(passwordFile, password)));
  }

  private PasswordLogin(String username, String password, Optional<PasswordFile> file) {
    this.username = Objects.requireNonNull(username, "username");
    this.password = Objects.requireNonNull(password, "password");
    this.file = file;
  }

  @Override
  public synchronized BearerToken token(BalsamHttp http, Instant now) throws BalsamException {
    if (current == null || !now.isBefore(renewAt)) {
      login(http, now);
    }
    return current;
  }

  @Override
  public synchronized Optional<BearerToken> renew(
      BearerToken rejected, BalsamHttp http, Instant now) throws BalsamException {
    if (current != null && !current.equals(rejected)) {
      // Another request logged in while this one was waiting for its 401: use that token.
      return Optional.of(current);
    }
    // The token was refused before it expired: the password may have changed since the login.
    file.ifPresent(PasswordFile::refused);
    login(http, now);
    return Optional.of(current);
  }

  @Override
  public synchronized Optional<Instant> tokenExpiry() {
    return current == null ? Optional.empty() : current.expiry();
  }

  @Override
  public String rejectionAdvice(Instant now) {
    return "; refused right after logging in as " + username;
  }

  private void login(BalsamHttp http, Instant now) throws BalsamException {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("username", username);
    form.put("password", file.map(PasswordFile::current).orElse(password));
    BearerToken token;
    try (BalsamResponse response = http.postForm(ENDPOINT, form)) {
      token = parse(response);
    } catch (BalsamException e) {
      if (e.status() == 401) {
        file.ifPresent(PasswordFile::refused);
        throw new BalsamException(
            Kind.UNAUTHORIZED,
            401,
            "POST "
                + ENDPOINT
                + " failed: 401 Unauthorized: Balsam refused the password of user "
                + username);
      }
      if (e.status() == 404) {
        // OAuth-only deployments have no password login route: retrying a password cannot help.
        throw new BalsamException(
            Kind.CLIENT_ERROR,
            404,
            "POST "
                + ENDPOINT
                + " failed: 404 Not Found: this Balsam server has no password login;"
                + " run 'balsam login' on this machine and let the exporter use its token"
                + " (~/.balsam/client.yml or --balsam.client-file), or give --balsam.token-file");
      }
      throw e;
    }
    current = token;
    renewAt = now.plus(reuseTime(now, token.expiry()));
    LOG.info(
        "{}",
        LogLine.msg("logged in to Balsam")
            .with("user", username)
            .with("token_expiry", token.expiry().map(Instant::toString).orElse("unknown")));
  }

  private static BearerToken parse(BalsamResponse response) throws BalsamException {
    JsonNode body;
    try {
      body = BalsamJson.mapper().readTree(response.body());
    } catch (JsonProcessingException e) {
      // Jackson quotes the text it choked on, which here may be the token: keep neither.
      throw response.badBody("malformed JSON", null);
    } catch (IOException e) {
      throw response.readFailure(e);
    }
    JsonNode accessToken = body == null ? null : body.get("access_token");
    if (accessToken == null || !accessToken.isTextual() || accessToken.asText().isBlank()) {
      throw response.badBody("no access_token", null);
    }
    String type = body.path("token_type").asText("bearer");
    if (!type.equalsIgnoreCase("bearer")) {
      throw response.badBody("token_type is not bearer", null);
    }
    String value = accessToken.asText();
    JsonNode expiration = body.get("expiration");
    if (expiration == null || !expiration.isTextual()) {
      return BearerToken.decoding(value);
    }
    try {
      return new BearerToken(value, Optional.of(BalsamTime.parse(expiration.asText())));
    } catch (IllegalArgumentException e) {
      throw response.badBody("expiration is not a timestamp", e);
    }
  }

  private static Duration reuseTime(Instant now, Optional<Instant> expiry) {
    if (expiry.isEmpty()) {
      return Duration.ofDays(365 * 100L);
    }
    Duration lifetime = Duration.between(now, expiry.get());
    Duration margin =
        RENEW_BEFORE_EXPIRY.compareTo(lifetime.dividedBy(2)) < 0
            ? RENEW_BEFORE_EXPIRY
            : lifetime.dividedBy(2);
    Duration reuse = lifetime.minus(margin);
    return reuse.compareTo(MIN_TOKEN_REUSE) < 0 ? MIN_TOKEN_REUSE : reuse;
  }

  @Override
  public String toString() {
    return "PasswordLogin[username=" + username + ", password=<redacted>]";
  }
}

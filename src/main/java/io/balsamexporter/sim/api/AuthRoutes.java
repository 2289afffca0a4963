package io.balsamexporter.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.sim.request.QueryParams;
import io.balsamexporter.sim.request.SimJson;
import io.balsamexporter.sim.request.SimRequest;
import io.balsamexporter.sim.request.SimResponse;
import io.balsamexporter.sim.request.ValidationError;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.sim.store.SimData;
import io.balsamexporter.sim.store.SimStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The password login of balsam-api.md §2: how to log in, the OAuth2 password form, registration,
 * who am I, and the bearer check every protected route goes through.
 */
public final class AuthRoutes {
  static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(48);
  private static final String FORM = "application/x-www-form-urlencoded";

  private final SimStore store;
  private final SimTokens tokens;
  private final AtomicReference<Duration> tokenLifetime =
      new AtomicReference<>(DEFAULT_TOKEN_LIFETIME);

  public AuthRoutes(SimStore store, SimTokens tokens) {
    this.store = store;
    this.tokens = tokens;
  }

  public void setTokenLifetime(Duration lifetime) {
    if (lifetime.isNegative()) {
      throw new IllegalArgumentException("token lifetime must not be negative, got " + lifetime);
    }
    tokenLifetime.set(lifetime);
  }

  /** {@code GET /auth/how}: the str() of Balsam's only enabled login method. */
  SimResponse how() {
    return SimResponse.json(200, SimJson.write(List.of("LoginMethod.password")));
  }

  /** {@code POST /auth/password/login} with the OAuth2 password form. */
  SimResponse login(SimRequest request) {
    QueryParams form = formFields(request);
    List<ValidationError> errors = new ArrayList<>();
    Optional<String> grantType = nonEmpty(form, "grant_type");
    if (grantType.isPresent() && !grantType.get().startsWith("password")) {
      errors.add(
          new ValidationError(
              List.of("body", "grant_type"),
              "string does not match regex \"password\"",
              "value_error.str.regex",
              Map.of("pattern", "password")));
    }
    Optional<String> username = required(form, "username", errors);
    Optional<String> password = required(form, "password", errors);
    if (!errors.isEmpty()) {
      return SimResponse.invalid(errors);
    }
    Optional<SimData.User> user =
        SimAccounts.authenticate(store, username.orElseThrow(), password.orElseThrow());
    if (user.isEmpty()) {
      return SimResponse.detail(401, "Unauthorized");
    }
    SimTokens.Issued issued =
        tokens.issue(
            user.get().id(), user.get().username(), store.clock().instant(), tokenLifetime.get());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", issued.accessToken());
    body.put("token_type", "bearer");
    body.put("expiration", BalsamTime.format(issued.expiration()));
    return SimResponse.json(200, SimJson.write(body));
  }

  /** {@code POST /auth/password/register}: open to anyone, JSON body. */
  SimResponse register(SimRequest request) {
    JsonNode body;
    try {
      body = BalsamJson.mapper().readTree(request.body());
    } catch (IOException e) {
      body = null;
    }
    List<ValidationError> errors = new ArrayList<>();
    for (String field : List.of("username", "password")) {
      if (body == null || !body.path(field).isTextual()) {
        errors.add(
            ValidationError.of(List.of("body", field), "field required", "value_error.missing"));
      }
    }
    if (!errors.isEmpty()) {
      return SimResponse.invalid(errors);
    }
    String username = body.get("username").asText();
    try {
      long id = SimAccounts.register(store, username, body.get("password").asText());
      return SimResponse.json(201, SimJson.write(identity(id, username)));
    } catch (IllegalArgumentException e) {
      return SimResponse.detail(400, "Username already taken");
    }
  }

  /** {@code GET /auth/password/me}: the identity in the token, as the server reads it. */
  SimResponse me(SimTokens.Claims claims) {
    return SimResponse.json(200, SimJson.write(identity(claims.userId(), claims.username())));
  }

  /**
   * The bearer check of FastAPI's OAuth2 scheme: a missing header or another scheme is "Not
   * authenticated", anything wrong with the token itself "Could not validate credentials".
   */
  Authenticated authenticate(SimRequest request) {
    String header = request.authorization();
    if (header == null || header.isBlank()) {
      return new Authenticated(null, SimResponse.unauthenticated("Not authenticated"));
    }
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    String token = space < 0 ? "" : header.substring(space + 1);
    if (!scheme.toLowerCase(Locale.ROOT).equals("bearer")) {
      return new Authenticated(null, SimResponse.unauthenticated("Not authenticated"));
    }
    return tokens
        .verify(token, store.clock().instant())
        .map(claims -> new Authenticated(claims, null))
        .orElseGet(
            () ->
                new Authenticated(
                    null, SimResponse.unauthenticated("Could not validate credentials")));
  }

  /** Either the caller's claims or the 401 to send. */
  record Authenticated(SimTokens.Claims claims, SimResponse refusal) {}

  private static Map<String, Object> identity(long id, String username) {
    Map<String, Object> identity = new LinkedHashMap<>();
    identity.put("id", id);
    identity.put("username", username);
    return identity;
  }

  private static QueryParams formFields(SimRequest request) {
    String contentType = request.contentType();
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
      return QueryParams.parse("");
    }
    return QueryParams.parse(new String(request.body(), StandardCharsets.UTF_8));
  }

  /** FastAPI treats an empty form field as absent. */
  private static Optional<String> nonEmpty(QueryParams form, String field) {
    return form.last(field).filter(v -> !v.isEmpty());
  }

  private static Optional<String> required(
      QueryParams form, String field, List<ValidationError> errors) {
    Optional<String> value = nonEmpty(form, field);
    if (value.isEmpty()) {
      errors.add(
          ValidationError.of(List.of("body", field), "field required", "value_error.missing"));
    }
    return value;
  }
}

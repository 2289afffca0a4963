package io.balsamexporter.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class AuthTest {
  @AutoClose private final SimHarness dev = SimHarness.withDevFixtures();

  @Test
  void loginMethodsAreListedWithoutAuthentication() {
    HttpResponse<String> response = dev.http.get("/auth/how", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("[\"LoginMethod.password\"]");
  }

  @Test
  void passwordLoginReturnsABearerTokenExpiringIn48HoursOfServerTime() throws Exception {
    HttpResponse<String> response = dev.http.loginResponse(SimHarness.USER, SimHarness.PASSWORD);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Http.json(response);
    assertThat(fieldNames(body)).isEqualTo("access_token,token_type,expiration");
    assertThat(body.get("token_type").asText()).isEqualTo("bearer");
    assertThat(body.get("expiration").asText()).isEqualTo("2026-11-28T09:25:28.850018");
    String[] parts = body.get("access_token").asText().split("\\.");
    assertThat(parts).hasSize(3);
    assertThat(decode(parts[0])).isEqualTo("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    long exp = SimHarness.RECORDED_AT.plus(Duration.ofHours(48)).getEpochSecond();
    assertThat(decode(parts[1]))
        .isEqualTo("{\"sub\":" + dev.userId + ",\"exp\":" + exp + ",\"username\":\"dev\"}");
  }

  @Test
  void tokenLifetimeCanBeShortened() {
    dev.simulator.setTokenLifetime(Duration.ofMinutes(5));

    JsonNode body = Http.json(dev.http.loginResponse(SimHarness.USER, SimHarness.PASSWORD));

    assertThat(body.get("expiration").asText()).isEqualTo("2026-11-26T09:30:28.850018");
  }

  @Test
  void loginWithAJsonBodyIsRejectedWith422FieldRequired() {
    HttpResponse<String> response =
        dev.http.post(
            "/auth/password/login",
            "application/json",
            "{\"username\":\"dev\",\"password\":\"dev-password\"}");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"detail\":["
                + "{\"loc\":[\"body\",\"username\"],\"msg\":\"field required\","
                + "\"type\":\"value_error.missing\"},"
                + "{\"loc\":[\"body\",\"password\"],\"msg\":\"field required\","
                + "\"type\":\"value_error.missing\"}]}");
  }

  @Test
  void wrongPasswordIsUnauthorizedWithoutAChallenge() {
    HttpResponse<String> response = dev.http.loginResponse(SimHarness.USER, "not-the-password");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"detail\":\"Unauthorized\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
  }

  @Test
  void unknownUserIsUnauthorized() {
    HttpResponse<String> response = dev.http.loginResponse("nobody", "whatever");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"detail\":\"Unauthorized\"}");
  }

  @Test
  void meReturnsTheTokensUser() {
    HttpResponse<String> response = dev.http.get("/auth/password/me", dev.login());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"id\":" + dev.userId + ",\"username\":\"dev\"}");
  }

  @Test
  void requestWithoutAuthorizationIsNotAuthenticated() {
    assertRefused(dev.http.get("/sites/", null), "Not authenticated");
  }

  @Test
  void anotherSchemeThanBearerIsNotAuthenticated() {
    assertRefused(
        dev.http.getWithAuthorization("/sites/", "Basic ZGV2OmRldi1wYXNzd29yZA=="),
        "Not authenticated");
  }

  @Test
  void garbageTokenCannotBeValidated() {
    assertRefused(dev.http.get("/sites/", "not-a-jwt"), "Could not validate credentials");
  }

  @Test
  void bearerWithoutTokenCannotBeValidated() {
    assertRefused(
        dev.http.getWithAuthorization("/sites/", "Bearer"), "Could not validate credentials");
  }

  @Test
  void tokenSignedByAnotherServerCannotBeValidated() {
    try (SimHarness other = SimHarness.withDevFixtures()) {
      String foreign = other.login();

      assertRefused(dev.http.get("/sites/", foreign), "Could not validate credentials");
    }
  }

  @Test
  void tokenIsAcceptedUntilItsExpirySecondAndRefusedFromThen() {
    String token = dev.login();
    long exp = SimHarness.RECORDED_AT.plus(Duration.ofHours(48)).getEpochSecond();

    dev.clock.set(java.time.Instant.ofEpochSecond(exp).minusNanos(1000));
    assertThat(dev.http.get("/sites/?limit=0", token).statusCode()).isEqualTo(200);

    dev.clock.set(java.time.Instant.ofEpochSecond(exp));
    assertRefused(dev.http.get("/sites/?limit=0", token), "Could not validate credentials");
  }

  @Test
  void registrationIsOpenAndRefusesATakenName() {
    HttpResponse<String> created =
        dev.http.post(
            "/auth/password/register",
            "application/json",
            "{\"username\":\"example\",\"password\":\"example-pw\"}");
    HttpResponse<String> again =
        dev.http.post(
            "/auth/password/register",
            "application/json",
            "{\"username\":\"example\",\"password\":\"other\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.body()).isEqualTo("{\"id\":2,\"username\":\"example\"}");
    assertThat(again.statusCode()).isEqualTo(400);
    assertThat(again.body()).isEqualTo("{\"detail\":\"Username already taken\"}");
    assertThat(dev.http.login("example", "example-pw")).isNotEmpty();
  }

  private static void assertRefused(HttpResponse<String> response, String detail) {
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"detail\":\"" + detail + "\"}");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  private static String fieldNames(JsonNode node) {
    return String.join(",", (Iterable<String>) node::fieldNames);
  }
}

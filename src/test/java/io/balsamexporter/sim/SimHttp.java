package io.balsamexporter.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.balsam.BalsamJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A plain HTTP client for tests: real requests on loopback, no redirects followed. */
final class SimHttp {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI baseUrl;

  SimHttp(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Logs in with the password form and returns the access token. */
  String login(String username, String password) {
    HttpResponse<String> response = loginResponse(username, password);
    if (response.statusCode() != 200) {
      throw new AssertionError("login failed with " + response.statusCode());
    }
    return json(response).get("access_token").asText();
  }

  HttpResponse<String> loginResponse(String username, String password) {
    String form =
        "username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return send(
        request("/auth/password/login")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build());
  }

  HttpResponse<String> get(String pathAndQuery, String token) {
    HttpRequest.Builder builder = request(pathAndQuery).GET();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return send(builder.build());
  }

  HttpResponse<String> getWithAuthorization(String pathAndQuery, String authorization) {
    return send(request(pathAndQuery).header("Authorization", authorization).GET().build());
  }

  HttpResponse<String> post(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** Sends as is and lets I/O failures through, for tests of an unreachable server. */
  HttpResponse<String> sendRaw(String pathAndQuery, String token)
      throws IOException, InterruptedException {
    return client.send(
        request(pathAndQuery).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return BalsamJson.mapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
        .timeout(Duration.ofSeconds(10));
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

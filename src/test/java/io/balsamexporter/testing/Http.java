package io.balsamexporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Plain HTTP on loopback, as a scraper or a person's browser would make it.
 *
 * <p>The static methods GET from a port on 127.0.0.1. An instance from {@link #at(URI)} talks to
 * one server as a Balsam client would, with a bearer token, over HTTP/1.1 and without following
 * redirects; it has its own connections, so a later server on a reused port never sees them.
 */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI baseUrl;

  private Http(URI baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** A client for the server at {@code baseUrl}; paths given to it are appended as they are. */
  public static Http at(URI baseUrl) {
    return new Http(baseUrl);
  }

  public static HttpResponse<byte[]> get(int port, String path, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new AssertionError("GET " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON. */
  public static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Logs in with Balsam's password form and returns the access token. */
  public String login(String username, String password) {
    HttpResponse<String> response = loginResponse(username, password);
    if (response.statusCode() != 200) {
      throw new AssertionError("login failed with " + response.statusCode());
    }
    return json(response).get("access_token").asText();
  }

  /** Balsam's password login, answer as it comes. */
  public HttpResponse<String> loginResponse(String username, String password) {
    String form =
        "username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return post("/auth/password/login", "application/x-www-form-urlencoded", form);
  }

  /** A GET with {@code Authorization: Bearer token}, or with no Authorization if token is null. */
  public HttpResponse<String> get(String pathAndQuery, String token) {
    HttpRequest.Builder builder = request(pathAndQuery).GET();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return send(builder.build());
  }

  /** A GET with the Authorization header exactly as given. */
  public HttpResponse<String> getWithAuthorization(String pathAndQuery, String authorization) {
    return send(request(pathAndQuery).header("Authorization", authorization).GET().build());
  }

  public HttpResponse<String> post(String path, String contentType, String body) {
    return send(
        request(path)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** A bearer GET that lets I/O failures through, for tests of an unreachable server. */
  public HttpResponse<String> sendRaw(String pathAndQuery, String token)
      throws IOException, InterruptedException {
    return client.send(
        request(pathAndQuery).header("Authorization", "Bearer " + token).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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

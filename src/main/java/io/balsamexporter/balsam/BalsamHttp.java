package io.balsamexporter.balsam;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * One HTTP exchange with Balsam: builds the request on the canonical path, follows a stray
 * same-origin 307/308, reports every response to the {@link RequestObserver} and turns every
 * failure into a {@link BalsamException} whose message names the endpoint and status, never a
 * secret.
 */
public final class BalsamHttp {
  /** Balsam redirects only between slash forms, so more than a few hops means a loop. */
  static final int MAX_REDIRECTS = 3;

  private static final String USER_AGENT = "balsam-exporter";

  private final String baseUrl;
  private final HttpClient client;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final long maxBodyBytes;
  private final RequestObserver observer;

  private BalsamHttp(
      URI baseUrl,
      HttpClient client,
      Duration connectTimeout,
      Duration requestTimeout,
      long maxBodyBytes,
      RequestObserver observer) {
    this.baseUrl = withoutTrailingSlash(baseUrl.toString());
    this.client = client;
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.maxBodyBytes = maxBodyBytes;
    this.observer = observer;
  }

  static BalsamHttp create(
      URI baseUrl,
      Duration connectTimeout,
      Duration requestTimeout,
      long maxBodyBytes,
      Optional<SSLContext> sslContext,
      RequestObserver observer) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            // Balsam runs under uvicorn, which speaks HTTP/1.1 only; skip the h2c upgrade dance.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(connectTimeout);
    sslContext.ifPresent(builder::sslContext);
    return new BalsamHttp(
        baseUrl, builder.build(), connectTimeout, requestTimeout, maxBodyBytes, observer);
  }

  /** {@code GET endpoint?query} with the bearer token. */
  public BalsamResponse get(String endpoint, Query query, BearerToken token)
      throws BalsamException {
    return exchange(
        new Outgoing("GET", endpoint, query, Optional.of(token.authorizationHeader()), null));
  }

  /** {@code POST endpoint} with a form-urlencoded body and no token, as the login needs. */
  public BalsamResponse postForm(String endpoint, Map<String, String> fields)
      throws BalsamException {
    String form =
        fields.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    return exchange(new Outgoing("POST", endpoint, Query.of(), Optional.empty(), form));
  }

  private BalsamResponse exchange(Outgoing out) throws BalsamException {
    URI uri = URI.create(baseUrl + out.endpoint() + out.queryString());
    for (int hop = 0; ; hop++) {
      long started = System.nanoTime();
      HttpResponse<InputStream> response = sendOnce(out, uri);
      int status = response.statusCode();
      observer.requestDone(out.endpoint(), Integer.toString(status));
      if (!Redirects.isFollowable(status)) {
        return accept(out, response, started);
      }
      BodyDeadlines.closeQuietly(response.body());
      if (hop == MAX_REDIRECTS) {
        throw new BalsamException(
            Kind.CLIENT_ERROR,
            status,
            out.describe() + " failed: redirected more than " + MAX_REDIRECTS + " times");
      }
      uri = Redirects.target(out.describe(), uri, response);
    }
  }

  private HttpResponse<InputStream> sendOnce(Outgoing out, URI uri) throws BalsamException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(requestTimeout)
            .header("Accept", "application/json")
            .header("User-Agent", USER_AGENT);
    out.authorization().ifPresent(value -> request.header("Authorization", value));
    if (out.form() == null) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(out.form(), StandardCharsets.UTF_8));
    }
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      observer.requestDone(out.endpoint(), "error");
      throw unreachable(out, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      observer.requestDone(out.endpoint(), "error");
      throw new BalsamException(Kind.UNREACHABLE, 0, out.describe() + " failed: interrupted", e);
    }
  }

  private BalsamException unreachable(Outgoing out, IOException e) {
    String reason;
    if (e instanceof HttpConnectTimeoutException) {
      reason = "no connection within " + BalsamResponse.seconds(connectTimeout);
    } else if (e instanceof HttpTimeoutException) {
      reason = "no response within " + BalsamResponse.seconds(requestTimeout);
    } else if (causedBy(e, ConnectException.class)) {
      reason = "connection refused";
    } else if (causedBy(e, SSLException.class)) {
      reason = "TLS failed (" + BalsamResponse.describe(e) + ")";
    } else {
      reason = "connection failed (" + BalsamResponse.describe(e) + ")";
    }
    return new BalsamException(Kind.UNREACHABLE, 0, out.describe() + " failed: " + reason, e);
  }

  private BalsamResponse accept(Outgoing out, HttpResponse<InputStream> response, long started)
      throws BalsamException {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
      if (declared.isPresent() && declared.getAsLong() > maxBodyBytes) {
        // Refused before a byte of it is read; closing early drops the connection.
        BodyDeadlines.closeQuietly(response.body());
        throw BalsamResponse.tooLarge(out.describe(), status, maxBodyBytes, null);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      return new BalsamResponse(
          out.describe(),
          status,
          new BodyLimit(response.body(), maxBodyBytes),
          BodyDeadlines.start(response.body(), requestTimeout.minus(elapsed)),
          requestTimeout,
          BalsamResponse.serverTime(response.headers().firstValue("date"), elapsed));
    }
    String detail;
    try (InputStream body = response.body()) {
      detail = status >= 500 ? "" : ErrorDetail.read(body);
    } catch (IOException e) {
      detail = "";
    }
    String message = out.describe() + " failed: " + HttpStatusText.of(status);
    if (status >= 300 && status < 400) {
      throw new BalsamException(
          Kind.CLIENT_ERROR, status, message + Redirects.unfollowedHint(response));
    }
    if (!detail.isEmpty()) {
      message += ": " + detail;
    }
    if (status == 401) {
      throw new BalsamException(Kind.UNAUTHORIZED, status, message);
    }
    if (status >= 400 && status < 500) {
      throw new BalsamException(Kind.CLIENT_ERROR, status, message);
    }
    if (status >= 500 && status < 600) {
      throw new BalsamException(Kind.SERVER_ERROR, status, message);
    }
    throw new BalsamException(Kind.BAD_RESPONSE, status, message);
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    // Bounded: exception chains are short, and a cycle must not loop forever.
    Throwable current = e;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (type.isInstance(current)) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  @Override
  public String toString() {
    return "BalsamHttp[baseUrl=" + Redirects.withoutUserInfo(URI.create(baseUrl)) + "]";
  }

  /** One logical request; the form may hold a password, so there is no generated toString. */
  private record Outgoing(
      String method, String endpoint, Query query, Optional<String> authorization, String form) {
    String describe() {
      return method + " " + endpoint;
    }

    String queryString() {
      String encoded = query.encode();
      return encoded.isEmpty() ? "" : "?" + encoded;
    }

    @Override
    public String toString() {
      return describe();
    }
  }
}

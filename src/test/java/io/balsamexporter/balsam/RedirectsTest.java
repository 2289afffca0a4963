package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

class RedirectsTest {

  @Test
  void theSameSchemeHostAndPortAreOneOriginWhateverThePath() {
    assertThat(
            Redirects.sameOrigin(
                URI.create("http://127.0.0.1:8000/jobs?state=RUNNING"),
                URI.create("http://127.0.0.1:8000/jobs/?state=RUNNING")))
        .isTrue();
    assertThat(
            Redirects.sameOrigin(
                URI.create("https://balsam.example.org/jobs"),
                URI.create("HTTPS://Balsam.Example.org:443/jobs/")))
        .isTrue();
  }

  @Test
  void anotherSchemeHostOrPortIsAnotherOrigin() {
    URI from = URI.create("http://127.0.0.1:8000/jobs");
    assertThat(Redirects.sameOrigin(from, URI.create("https://127.0.0.1:8000/jobs/"))).isFalse();
    assertThat(Redirects.sameOrigin(from, URI.create("http://localhost:8000/jobs/"))).isFalse();
    assertThat(Redirects.sameOrigin(from, URI.create("http://127.0.0.1:8001/jobs/"))).isFalse();
  }

  @Test
  void userInfoIsDroppedFromUrlsShownToTheUser() {
    assertThat(Redirects.withoutUserInfo(URI.create("https://me:secret@balsam.example.org/api")))
        .hasToString("https://balsam.example.org/api");
    assertThat(Redirects.origin(URI.create("http://h/x"))).isEqualTo("http://h:80");
  }

  @Test
  void aRelativeLocationIsResolvedAgainstTheRequest() throws BalsamException {
    URI from = URI.create("http://127.0.0.1:8000/jobs?state=RUNNING");

    assertThat(Redirects.target("GET /jobs", from, redirect(307, "/jobs/?state=RUNNING")))
        .isEqualTo(URI.create("http://127.0.0.1:8000/jobs/?state=RUNNING"));
  }

  @Test
  void aRedirectToAnotherOriginStopsWithAClientError() {
    URI from = URI.create("http://127.0.0.1:8000/jobs/");

    assertThatThrownBy(
            () ->
                Redirects.target(
                    "GET /jobs/", from, redirect(308, "https://balsam.example.org/jobs/?x=1")))
        .isInstanceOfSatisfying(
            BalsamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.CLIENT_ERROR);
              assertThat(e.status()).isEqualTo(308);
            })
        .hasMessage(
            "GET /jobs/ failed: 308 Permanent Redirect to https://balsam.example.org:443,"
                + " another origin than http://127.0.0.1:8000; set the Balsam URL to the server's"
                + " own address");
  }

  @Test
  void aRedirectWithoutLocationIsABadResponse() {
    assertThatThrownBy(
            () -> Redirects.target("GET /jobs/", URI.create("http://h/jobs/"), redirect(307, null)))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessage("GET /jobs/ failed: 307 Temporary Redirect without a Location header");
  }

  /** Just the status and Location of a redirect; nothing else is read. */
  private static HttpResponse<InputStream> redirect(int status, String location) {
    HttpHeaders headers =
        HttpHeaders.of(
            location == null ? Map.of() : Map.of("Location", List.of(location)), (k, v) -> true);
    return new HttpResponse<>() {
      @Override
      public int statusCode() {
        return status;
      }

      @Override
      public HttpHeaders headers() {
        return headers;
      }

      @Override
      public HttpRequest request() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<HttpResponse<InputStream>> previousResponse() {
        return Optional.empty();
      }

      @Override
      public InputStream body() {
        return InputStream.nullInputStream();
      }

      @Override
      public Optional<SSLSession> sslSession() {
        return Optional.empty();
      }

      @Override
      public URI uri() {
        throw new UnsupportedOperationException();
      }

      @Override
      public HttpClient.Version version() {
        return HttpClient.Version.HTTP_1_1;
      }
    };
  }
}

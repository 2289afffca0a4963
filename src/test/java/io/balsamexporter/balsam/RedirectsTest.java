package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
}

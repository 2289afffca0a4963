package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.balsamexporter.testing.ManualClock;
import io.balsamexporter.testing.TestConfigs;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An OAuth-only Balsam answers the password login with FastAPI's 404 for an unknown route. */
class NoPasswordLoginTest {
  HttpServer oauthOnly;

  @BeforeEach
  void start() throws Exception {
    oauthOnly = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    oauthOnly.createContext(
        "/",
        exchange -> {
          byte[] body = "{\"detail\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(404, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    oauthOnly.start();
  }

  @AfterEach
  void stop() {
    oauthOnly.stop(0);
  }

  @Test
  void aPasswordLoginAnswered404SaysTheServerHasNoPasswordLoginAndWhatToUse() throws Exception {
    URI url = URI.create("http://127.0.0.1:" + oauthOnly.getAddress().getPort());
    BalsamApi api =
        BalsamClients.create(
            TestConfigs.loopback(
                    Optional.of(url),
                    new Credentials.Password("alice", "not-used"),
                    100,
                    Duration.ofSeconds(5),
                    0)
                .balsam()
                .target(),
            RequestObserver.NONE,
            new ManualClock(Instant.parse("2026-11-28T00:00:00Z")));

    assertThatThrownBy(() -> api.sites(Query.of()))
        .isInstanceOfSatisfying(
            BalsamException.class,
            e -> assertThat(e.kind()).isEqualTo(BalsamException.Kind.CLIENT_ERROR))
        .hasMessageContaining("this Balsam server has no password login")
        .hasMessageContaining("balsam login")
        .hasMessageContaining("--balsam.token-file")
        .hasMessageNotContaining("not-used");
  }
}

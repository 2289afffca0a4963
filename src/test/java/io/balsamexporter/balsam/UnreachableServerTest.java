package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A Balsam URL where nothing listens: no server is needed to show what the client reports. */
class UnreachableServerTest {
  private final List<String> observed = new CopyOnWriteArrayList<>();

  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  @Test
  void aRefusedConnectionIsUnreachableAndObservedAsError() throws IOException {
    HttpBalsamClient client =
        HttpBalsamClient.builder(closedPort(), FixedToken.direct("secret-token", "test"))
            .observer((endpoint, code) -> observed.add(endpoint + " " + code))
            .build();

    assertThatThrownBy(() -> client.events(Query.of().with("limit", 10)))
        .isInstanceOfSatisfying(
            BalsamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
              assertThat(e.status()).isZero();
            })
        .hasMessage("GET /events/ failed: connection refused");
    assertThat(observed).containsExactly("/events/ error");
  }

  @Test
  void aLoginThatCannotConnectNamesTheLoginEndpoint() throws IOException {
    HttpBalsamClient client =
        HttpBalsamClient.builder(closedPort(), new PasswordLogin("example", "secret-pw"))
            .observer((endpoint, code) -> observed.add(endpoint + " " + code))
            .build();

    assertThatThrownBy(() -> client.jobs(Query.of()))
        .hasMessage("POST /auth/password/login failed: connection refused");
    assertThat(observed).containsExactly("/auth/password/login error");
  }
}

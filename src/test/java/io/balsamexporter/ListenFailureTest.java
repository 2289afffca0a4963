package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.config.BalsamConfig;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.config.HttpConfig;
import io.balsamexporter.config.IngestConfig;
import io.balsamexporter.config.MetricsConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A bind failure names what really failed, not always "port already in use". */
class ListenFailureTest {
  private static ExporterConfig listeningOn(String host, int port) {
    return new ExporterConfig(
        new BalsamConfig(
            Optional.of(URI.create("http://127.0.0.1:9")),
            new Credentials.Token("t", "--balsam.token"),
            Optional.empty(),
            Duration.ofSeconds(1),
            0),
        new IngestConfig(
            100,
            100,
            IngestConfig.DEFAULT_POLL_INTERVAL,
            IngestConfig.DEFAULT_LATE_WINDOW,
            Optional.empty(),
            IngestConfig.DEFAULT_CHECK_INTERVAL,
            IngestConfig.DEFAULT_JOBS_CHECK_INTERVAL,
            Optional.empty(),
            IngestConfig.DEFAULT_PAYLOADS_KEPT),
        new MetricsConfig(List.of(), MetricsConfig.DEFAULT_TAG_VALUES_LIMIT),
        new HttpConfig(host, port, Optional.empty()),
        false);
  }

  @Test
  void aPortInUseIsSaidToBeInUse() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> Exporter.start(listeningOn("127.0.0.1", port), Clock.systemUTC()))
          .hasMessage(
              "cannot listen on 127.0.0.1:"
                  + port
                  + ": port "
                  + port
                  + " is already in use by another process");
    }
  }

  @Test
  void anUnknownHostIsSaidToBeUnknown() {
    assertThatThrownBy(
            () -> Exporter.start(listeningOn("no-such-host.invalid", 0), Clock.systemUTC()))
        .hasMessage("cannot listen on no-such-host.invalid:0: unknown host no-such-host.invalid");
  }

  @Test
  void anAddressOfAnotherMachineIsSaidToBeNotOurs() {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to a real interface.
    assertThatThrownBy(() -> Exporter.start(listeningOn("192.0.2.1", 0), Clock.systemUTC()))
        .hasMessage("cannot listen on 192.0.2.1:0: 192.0.2.1 is not an address of this machine");
  }
}

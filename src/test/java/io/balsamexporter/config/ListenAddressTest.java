package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

  @ParameterizedTest(name = "\"{0}\" binds host \"{1}\" port {2}")
  @CsvSource(
      value = {
        ":10064|''|10064",
        "127.0.0.1:9100|127.0.0.1|9100",
        "localhost:8080|localhost|8080",
        "exporter-1.example.org:80|exporter-1.example.org|80",
        "[::1]:10064|::1|10064",
        "[::]:10064|::|10064",
        "[fe80::1%eth0]:9000|fe80::1%eth0|9000",
        "0.0.0.0:0|0.0.0.0|0",
        ":65535|''|65535",
      },
      delimiter = '|')
  void acceptedFormsGiveHostAndPort(String text, String host, int port) {
    assertThat(ListenAddress.parse(text)).isEqualTo(new ListenAddress(host, port));
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(
      strings = {
        "",
        "10064",
        "localhost",
        "::1:10064",
        "[::1]",
        "host:",
        "host:port",
        "a b:1",
        ":-1"
      })
  void malformedAddressesAreRejectedWithTheExpectedForm(String text) {
    assertThatThrownBy(() -> ListenAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be [host]:port, e.g. :10064, 127.0.0.1:10064 or [::1]:10064");
  }

  @ParameterizedTest(name = "port {0} is out of range")
  @ValueSource(strings = {":65536", ":99999"})
  void portsAbove65535AreRejected(String text) {
    assertThatThrownBy(() -> ListenAddress.parse(text))
        .hasMessage("must have a port between 0 and 65535");
  }
}

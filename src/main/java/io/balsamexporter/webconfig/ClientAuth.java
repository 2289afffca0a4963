package io.balsamexporter.webconfig;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The exporter-toolkit's {@code client_auth_type} values, with what each asks of the TLS layer. */
enum ClientAuth {
  NO_CLIENT_CERT("NoClientCert", false, false, false),
  REQUEST_CLIENT_CERT("RequestClientCert", true, false, false),
  REQUIRE_ANY_CLIENT_CERT("RequireAnyClientCert", false, true, false),
  VERIFY_CLIENT_CERT_IF_GIVEN("VerifyClientCertIfGiven", true, false, true),
  REQUIRE_AND_VERIFY_CLIENT_CERT("RequireAndVerifyClientCert", false, true, true);

  final String yamlName;
  final boolean want;
  final boolean need;
  final boolean verifies;

  ClientAuth(String yamlName, boolean want, boolean need, boolean verifies) {
    this.yamlName = yamlName;
    this.want = want;
    this.need = need;
    this.verifies = verifies;
  }

  static ClientAuth parse(String value, String file) throws WebConfigException {
    if (value == null || value.isEmpty()) {
      return NO_CLIENT_CERT;
    }
    for (ClientAuth auth : values()) {
      if (auth.yamlName.equals(value)) {
        return auth;
      }
    }
    throw new WebConfigException(
        file
            + ": tls_server_config.client_auth_type '"
            + value
            + "' is not one of "
            + Arrays.stream(values()).map(a -> a.yamlName).collect(Collectors.joining(", ")));
  }
}

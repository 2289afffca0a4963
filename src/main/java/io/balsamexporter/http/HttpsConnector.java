package io.balsamexporter.http;

import io.balsamexporter.webconfig.WebConfig;
import io.balsamexporter.webconfig.WebGate;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves HTTPS only: the one connector speaks TLS, so plain HTTP to the port fails the handshake. A
 * rotated certificate is swapped into the running factory; open connections keep theirs, new ones
 * get the new one.
 */
final class HttpsConnector {
  private static final Logger log = LoggerFactory.getLogger(HttpsConnector.class);

  private HttpsConnector() {}

  static void install(
      JavalinConfig config, String host, int port, WebConfig.Tls tls, WebGate gate) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    apply(ssl, tls);
    gate.onTlsChange(
        next -> {
          try {
            ssl.reload(factory -> apply((SslContextFactory.Server) factory, next));
          } catch (Exception e) {
            log.warn("msg=\"new TLS material not taken up\" error=\"{}\"", e.getMessage());
          }
        });
    config.jetty.addConnector(
        (server, http) -> {
          // The exporter is reached by IP as often as by name: no SNI host check.
          http.addCustomizer(new SecureRequestCustomizer(false));
          ServerConnector connector =
              new ServerConnector(
                  server,
                  new SslConnectionFactory(ssl, "http/1.1"),
                  new HttpConnectionFactory(http));
          connector.setHost(host);
          connector.setPort(port);
          return connector;
        });
  }

  private static void apply(SslContextFactory.Server ssl, WebConfig.Tls tls) {
    ssl.setKeyStore(tls.keyStore());
    ssl.setKeyStorePassword(new String(WebConfig.IN_MEMORY_PASSWORD));
    ssl.setKeyManagerPassword(new String(WebConfig.IN_MEMORY_PASSWORD));
    ssl.setTrustStore(tls.trustStore().orElse(null));
    ssl.setWantClientAuth(tls.wantClientCert());
    ssl.setNeedClientAuth(tls.needClientCert());
    // RequestClientCert and RequireAnyClientCert take any certificate, as the toolkit does.
    ssl.setTrustAll(!tls.verifiesClientCert());
    ssl.setIncludeProtocols(
        tls.minVersion().equals("TLSv1.3")
            ? new String[] {"TLSv1.3"}
            : new String[] {"TLSv1.2", "TLSv1.3"});
  }
}

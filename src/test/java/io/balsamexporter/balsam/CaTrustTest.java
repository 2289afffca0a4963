package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaTrustTest {
  @TempDir static Path dir;
  static Path siteStore;
  static String sitePem;
  static String strangerPem;

  @BeforeAll
  static void makeCertificates() throws Exception {
    siteStore = TestCertificates.keyStore(dir, "site-ca");
    sitePem = TestCertificates.pem(siteStore, "site-ca");
    strangerPem = TestCertificates.pem(TestCertificates.keyStore(dir, "stranger"), "stranger");
  }

  static X509Certificate[] chainOf(String pem) throws IOException {
    Path file = Files.writeString(Files.createTempFile(dir, "chain", ".pem"), pem);
    return CaTrust.readPem(file).toArray(X509Certificate[]::new);
  }

  static X509ExtendedTrustManager trusting(String pem) throws Exception {
    Path file = Files.writeString(Files.createTempFile(dir, "ca", ".pem"), pem);
    return new EitherTrustManager(
        CaTrust.trustManager(null),
        CaTrust.trustManager(CaTrust.keyStoreOf(CaTrust.readPem(file))));
  }

  @Test
  void aServerSignedByTheExtraCaIsTrusted() throws Exception {
    X509ExtendedTrustManager trust = trusting(sitePem);

    assertThatCode(() -> trust.checkServerTrusted(chainOf(sitePem), "ECDHE_ECDSA"))
        .doesNotThrowAnyException();
  }

  @Test
  void aServerNeitherStoreKnowsIsRefused() throws Exception {
    X509ExtendedTrustManager trust = trusting(sitePem);

    assertThatThrownBy(() -> trust.checkServerTrusted(chainOf(strangerPem), "ECDHE_ECDSA"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void theSystemAuthoritiesStayTrustedNextToTheExtraCa() throws Exception {
    X509Certificate[] system = CaTrust.trustManager(null).getAcceptedIssuers();

    X509Certificate[] both = trusting(sitePem).getAcceptedIssuers();

    assertThat(system).isNotEmpty();
    assertThat(both).hasSize(system.length + 1);
    assertThat(both[both.length - 1].getSubjectX500Principal().getName()).isEqualTo("CN=site-ca");
  }

  @Test
  void aBundleWithSeveralCertificatesAndCommentsIsReadWhole() throws Exception {
    Path bundle =
        Files.writeString(
            dir.resolve("bundle.pem"), "# our site CA\n" + sitePem + "\n# another\n" + strangerPem);

    List<X509Certificate> certificates = CaTrust.readPem(bundle);

    assertThat(certificates)
        .extracting(c -> c.getSubjectX500Principal().getName())
        .containsExactly("CN=site-ca", "CN=stranger");
  }

  @Test
  void aFileWithoutCertificatesIsRefusedByName() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nxx");

    assertThatThrownBy(() -> CaTrust.readPem(empty)).hasMessageContaining("empty.pem");
    assertThatThrownBy(() -> CaTrust.readPem(garbage))
        .hasMessageContaining("garbage.pem is not PEM certificates");
  }

  @Test
  void aClientWithAnUnreadableCaFileIsNotBuilt() {
    assertThatThrownBy(
            () ->
                HttpBalsamClient.builder(
                        URI.create("https://127.0.0.1:1"), FixedToken.direct("t", "test"))
                    .caFile(Optional.of(dir.resolve("missing.pem")))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing.pem");
  }

  @Test
  void aTlsHandshakeWithHostNameCheckSucceedsOnlyWithTheExtraCa() throws Exception {
    Path pem = Files.writeString(dir.resolve("site-ca.pem"), sitePem);

    assertThat(handshakes(siteStore, CaTrust.withExtraCa(pem), SSLContext.getDefault()))
        .containsExactly(true, false);
  }

  @Test
  void theExtraCaDoesNotExcuseACertificateForAnotherHost() throws Exception {
    Path otherHost = TestCertificates.keyStore(dir, "other-host", "dns:elsewhere.example");
    Path pem =
        Files.writeString(
            dir.resolve("other-host.pem"), TestCertificates.pem(otherHost, "other-host"));

    assertThat(handshakes(otherHost, CaTrust.withExtraCa(pem))).containsExactly(false);
  }

  /**
   * Whether each client context completes a host-checked handshake with a server of {@code store}.
   */
  private static List<Boolean> handshakes(Path store, SSLContext... clients) throws Exception {
    SSLContext server = serverContext(store);
    try (SSLServerSocket listener =
        (SSLServerSocket)
            server
                .getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      CompletableFuture<Void> accepting = accept(listener, clients.length);
      List<Boolean> results = new java.util.ArrayList<>();
      for (SSLContext client : clients) {
        results.add(handshake(client, listener.getLocalPort()));
      }
      accepting.get(30, TimeUnit.SECONDS);
      return results;
    }
  }

  private static SSLContext serverContext(Path store) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, TestCertificates.STORE_PASSWORD.toCharArray());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, TestCertificates.STORE_PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return context;
  }

  private static CompletableFuture<Void> accept(SSLServerSocket listener, int connections) {
    return CompletableFuture.runAsync(
        () -> {
          for (int i = 0; i < connections; i++) {
            try (SSLSocket socket = (SSLSocket) listener.accept()) {
              socket.setSoTimeout(30_000);
              socket.startHandshake();
            } catch (IOException e) {
              // The untrusting client aborts the handshake; that is the expected outcome.
            }
          }
        });
  }

  private static boolean handshake(SSLContext client, int port) throws IOException {
    try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      socket.setSSLParameters(parameters);
      socket.startHandshake();
      return true;
    } catch (javax.net.ssl.SSLHandshakeException e) {
      return false;
    }
  }
}

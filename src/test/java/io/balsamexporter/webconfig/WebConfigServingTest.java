package io.balsamexporter.webconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.http.ExporterServer;
import io.balsamexporter.testing.Promtool;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebConfigServingTest {
  private static final String PASSWORD = "s3cret-for-the-web-test";

  @TempDir Path dir;

  private static String bcrypt(String password) {
    byte[] salt = new byte[16];
    new SecureRandom().nextBytes(salt);
    return OpenBSDBCrypt.generate("2y", password.toCharArray(), salt, 4);
  }

  private Path writeConfig(String yaml) throws Exception {
    Path file = dir.resolve("web.yml");
    Files.writeString(file, yaml);
    return file;
  }

  private static ExporterServer serve(WebGate gate) {
    return ExporterServer.builder("127.0.0.1", 0).gate(gate).start();
  }

  private static HttpResponse<String> get(SSLContext tls, int port, String path, String auth)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path));
    if (auth != null) {
      request.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static X509Certificate served(HttpResponse<?> response) throws Exception {
    SSLSession session = response.sslSession().orElseThrow();
    return (X509Certificate) session.getPeerCertificates()[0];
  }

  @Test
  void httpsWithBasicAuthAndHeadersServesOnlyTheRightPasswordAndRefusesPlainHttp()
      throws Exception {
    PemCertificates ca = new PemCertificates("test-ca");
    PemCertificates.Issued server = ca.issue(dir, "server");
    Path file =
        writeConfig(
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                + "http_server_config:\n  headers:\n    X-Frame-Options: deny\n"
                + "basic_auth_users:\n  scraper: '"
                + bcrypt(PASSWORD)
                + "'\n");
    WebGate gate = WebGate.load(file);
    try (ExporterServer exporter = serve(gate)) {
      SSLContext tls = ca.clientContext(null);
      HttpResponse<String> right = get(tls, exporter.port(), "/metrics", "scraper:" + PASSWORD);
      assertThat(right.statusCode()).isEqualTo(200);
      assertThat(right.headers().firstValue("X-Frame-Options")).contains("deny");
      assertThat(get(tls, exporter.port(), "/metrics", "scraper:" + PASSWORD).statusCode())
          .isEqualTo(200);
      assertThat(gate.bcryptRuns()).as("the second scrape is answered from the cache").isEqualTo(1);

      for (String path : new String[] {"/metrics", "/-/healthy", "/-/ready", "/"}) {
        HttpResponse<String> wrong = get(tls, exporter.port(), path, "scraper:wrong");
        assertThat(wrong.statusCode()).as(path).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate"))
            .get()
            .asString()
            .startsWith("Basic");
        assertThat(get(tls, exporter.port(), path, null).statusCode()).as(path).isEqualTo(401);
      }
      assertThat(get(tls, exporter.port(), "/metrics", "nobody:" + PASSWORD).statusCode())
          .isEqualTo(401);

      HttpClient plain = HttpClient.newHttpClient();
      assertThatThrownBy(
              () ->
                  plain.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + exporter.port() + "/metrics"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    }
    assertPromtoolAccepts(file);
  }

  @Test
  void requireAndVerifyClientCertServesOnlyClientsWithACertificateOfTheCa() throws Exception {
    PemCertificates ca = new PemCertificates("test-ca");
    ca.issue(dir, "server");
    ca.writeCa(dir);
    PemCertificates.Issued client = ca.issue(dir, "client");
    PemCertificates stranger = new PemCertificates("other-ca");
    PemCertificates.Issued strangerClient = stranger.issue(dir, "stranger");
    Path file =
        writeConfig(
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                + "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.crt\n"
                + "  min_version: TLS12\n");
    try (ExporterServer exporter = serve(WebGate.load(file))) {
      assertThat(get(ca.clientContext(client), exporter.port(), "/-/healthy", null).statusCode())
          .isEqualTo(200);
      assertThatThrownBy(() -> get(ca.clientContext(null), exporter.port(), "/-/healthy", null))
          .isInstanceOf(java.io.IOException.class);
      SSLContext wrongCa = ca.clientContext(null);
      // A certificate from another CA: the server must refuse it.
      SSLContext strangerContext = strangerWithOurTrust(ca, stranger, strangerClient);
      assertThatThrownBy(() -> get(strangerContext, exporter.port(), "/-/healthy", null))
          .isInstanceOf(java.io.IOException.class);
      assertThat(wrongCa).isNotNull();
    }
    assertPromtoolAccepts(file);
  }

  private static SSLContext strangerWithOurTrust(
      PemCertificates ours, PemCertificates theirs, PemCertificates.Issued client)
      throws Exception {
    java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ours.ca());
    var tmf =
        javax.net.ssl.TrustManagerFactory.getInstance(
            javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    java.security.KeyStore keys = java.security.KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "c", client.key(), "pw".toCharArray(), new X509Certificate[] {client.cert(), theirs.ca()});
    var kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "pw".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  @Test
  void aRotatedCertificateAndNewPasswordTakeEffectAndABrokenFileKeepsTheLastGoodOne()
      throws Exception {
    PemCertificates ca = new PemCertificates("test-ca");
    PemCertificates.Issued first = ca.issue(dir, "server");
    String config =
        "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
            + "basic_auth_users:\n  scraper: '";
    Path file = writeConfig(config + bcrypt(PASSWORD) + "'\n");
    WebGate gate = WebGate.load(file);
    try (ExporterServer exporter = serve(gate)) {
      SSLContext tls = ca.clientContext(null);
      HttpResponse<String> before = get(tls, exporter.port(), "/metrics", "scraper:" + PASSWORD);
      assertThat(served(before).getSerialNumber()).isEqualTo(first.cert().getSerialNumber());

      PemCertificates.Issued second = ca.issue(dir, "server");
      Files.writeString(file, config + bcrypt("the-new-password") + "'\n");
      assertThat(gate.reloadIfChanged()).isTrue();
      HttpResponse<String> after =
          get(tls, exporter.port(), "/metrics", "scraper:the-new-password");
      assertThat(after.statusCode()).isEqualTo(200);
      assertThat(served(after).getSerialNumber()).isEqualTo(second.cert().getSerialNumber());
      assertThat(get(tls, exporter.port(), "/metrics", "scraper:" + PASSWORD).statusCode())
          .isEqualTo(401);

      Files.writeString(file, "basic_auth_users:\n  scraper: not-a-hash\n");
      assertThat(gate.reloadIfChanged()).isFalse();
      assertThat(get(tls, exporter.port(), "/metrics", "scraper:the-new-password").statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aBrokenFileNamesTheFieldAndNotTheSecret() throws Exception {
    Path file = writeConfig("basic_auth_users:\n  scraper: plaintext-password-here\n");
    assertThatThrownBy(() -> WebConfig.load(file))
        .hasMessageContaining("basic_auth_users.scraper")
        .hasMessageNotContaining("plaintext-password-here");
    Path tls = writeConfig("tls_server_config:\n  cert_file: server.crt\n");
    assertThatThrownBy(() -> WebConfig.load(tls))
        .hasMessageContaining("tls_server_config.key_file");
    Path auth =
        writeConfig(
            "tls_server_config:\n  cert_file: a\n  key_file: b\n  client_auth_type: Sometimes\n");
    assertThatThrownBy(() -> WebConfig.load(auth)).hasMessageContaining("tls_server_config.");
  }

  @Test
  void aKeyGivenTwiceIsRefusedNamingTheKeyAndTheLine() throws Exception {
    Path file =
        writeConfig(
            "basic_auth_users:\n  scraper: $2y$10$first\n  other: $2y$10$x\n"
                + "  scraper: $2y$10$second\n");
    assertThatThrownBy(() -> WebConfig.load(file))
        .hasMessageContaining("the key scraper is set twice (line 4)")
        .hasMessageNotContaining("$2y$10$");
  }

  @Test
  void theShippedExampleParsesAndPassesPromtool() throws Exception {
    Path example = Path.of("examples", "web-config.yml");
    PemCertificates ca = new PemCertificates("test-ca");
    ca.issue(dir, "server");
    Path copy = dir.resolve("web-config.yml");
    Files.writeString(
        copy,
        Files.readString(example)
            .replace("/etc/balsam-exporter/tls/server.crt", "server.crt")
            .replace("/etc/balsam-exporter/tls/server.key", "server.key"));
    assertThat(WebConfig.load(copy).users()).containsKey("prometheus");
    assertPromtoolAccepts(copy);
  }

  private static void assertPromtoolAccepts(Path file) {
    Promtool.Result result = Promtool.run("", "check", "web-config", file.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();
  }

  @Test
  void theConsoleAndItsDataAreServedOverHttpsOnlyWithThePassword() throws Exception {
    PemCertificates ca = new PemCertificates("test-ca");
    PemCertificates.Issued server = ca.issue(dir, "server");
    Path file =
        writeConfig(
            "tls_server_config:\n  cert_file: server.crt\n  key_file: server.key\n"
                + "basic_auth_users:\n  viewer: '"
                + bcrypt(PASSWORD)
                + "'\n");
    java.time.Clock clock = java.time.Clock.systemUTC();
    io.balsamexporter.analytics.EventJournal journal =
        new io.balsamexporter.analytics.EventJournal(() -> false, clock);
    io.balsamexporter.analytics.Overview overview =
        new io.balsamexporter.analytics.Overview(
            journal,
            clock,
            () -> new io.balsamexporter.analytics.Overview.Status(false, null, null));
    try (ExporterServer exporter =
        ExporterServer.builder("127.0.0.1", 0)
            .metrics(MetricSnapshots::of)
            .reports(journal)
            .overview(overview)
            .gate(WebGate.load(file))
            .start()) {
      SSLContext tls = ca.clientContext(null);
      for (String path : new String[] {"/", "/api/v1/overview"}) {
        assertThat(get(tls, exporter.port(), path, null).statusCode()).isEqualTo(401);
        assertThat(get(tls, exporter.port(), path, "viewer:wrong").statusCode()).isEqualTo(401);
      }
      HttpResponse<String> page = get(tls, exporter.port(), "/", "viewer:" + PASSWORD);
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(served(page)).isEqualTo(server.cert());
      // Every address the page uses is relative: it stays on this origin, its TLS and its login.
      // (SVG's namespace name is an identifier, never fetched.)
      assertThat(page.body().replace("\"http://www.w3.org/2000/svg\"", "SVG_NS"))
          .contains("fetch(\"api/v1/overview?range=")
          .doesNotContain("http://", "https://", "src=\"/", "href=\"/");
      HttpResponse<String> data =
          get(tls, exporter.port(), "/api/v1/overview?range=day", "viewer:" + PASSWORD);
      assertThat(data.statusCode()).isEqualTo(200);
      assertThat(data.body()).contains("\"synced\":false");
    }
  }
}

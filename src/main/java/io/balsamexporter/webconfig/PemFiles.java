package io.balsamexporter.webconfig;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Turns the PEM files a web config names into the key stores Jetty wants. Bouncy Castle reads the
 * keys because the JDK cannot parse PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY") files,
 * which is what openssl and cert-manager usually write.
 */
final class PemFiles {
  static final char[] IN_MEMORY_PASSWORD = "in-memory".toCharArray();

  private PemFiles() {}

  static List<X509Certificate> certificates(Path file, String field) throws WebConfigException {
    try (var in = Files.newInputStream(file)) {
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certs.add((X509Certificate) cert);
      }
      if (certs.isEmpty()) {
        throw new WebConfigException(field + " " + file + " holds no PEM certificate");
      }
      return certs;
    } catch (IOException | GeneralSecurityException e) {
      throw new WebConfigException(
          field + " " + file + " is not a readable PEM certificate: " + e.getMessage());
    }
  }

  static PrivateKey privateKey(Path file, String field) throws WebConfigException {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
        if (item instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
      }
      throw new WebConfigException(field + " " + file + " holds no unencrypted PEM private key");
    } catch (IOException | RuntimeException e) {
      // The message never quotes the file's content: only its name and the parser's complaint.
      throw new WebConfigException(
          field
              + " "
              + file
              + " is not a readable PEM private key ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  static KeyStore keyStore(PrivateKey key, List<X509Certificate> chain) throws WebConfigException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("server", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new WebConfigException(
          "tls_server_config.key_file does not match cert_file: " + e.getMessage());
    }
  }

  static KeyStore trustStore(List<X509Certificate> cas) throws WebConfigException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < cas.size(); i++) {
        store.setCertificateEntry("ca-" + i, cas.get(i));
      }
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new WebConfigException("tls_server_config.client_ca_file: " + e.getMessage());
    }
  }
}

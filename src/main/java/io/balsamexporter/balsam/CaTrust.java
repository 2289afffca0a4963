package io.balsamexporter.balsam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for a Balsam server behind a site's own CA: the system trust store plus the
 * certificates of one PEM file. Replacing the system store instead would break a server that moves
 * to a public certificate.
 */
public final class CaTrust {
  private CaTrust() {}

  /** An SSL context trusting the system store and every certificate in {@code pemFile}. */
  public static SSLContext withExtraCa(Path pemFile) throws IOException {
    List<X509Certificate> certificates = readPem(pemFile);
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManager trust =
          new EitherTrustManager(trustManager(null), trustManager(keyStoreOf(certificates)));
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot build TLS trust from CA file " + pemFile + ": " + e, e);
    }
  }

  /** Every certificate in a PEM file, in order; a file without one is an error. */
  public static List<X509Certificate> readPem(Path pemFile) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    try (InputStream in = Files.newInputStream(pemFile)) {
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        if (certificate instanceof X509Certificate x509) {
          certificates.add(x509);
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "CA file " + pemFile + " is not PEM certificates: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException("CA file " + pemFile + " holds no certificate");
    }
    return List.copyOf(certificates);
  }

  static X509ExtendedTrustManager trustManager(KeyStore keyStore) throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    // A null key store means the JDK's own cacerts, i.e. the system trust store.
    factory.init(keyStore);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager available");
  }

  static KeyStore keyStoreOf(List<X509Certificate> certificates)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < certificates.size(); i++) {
      store.setCertificateEntry("balsam-ca-" + i, certificates.get(i));
    }
    return store;
  }
}

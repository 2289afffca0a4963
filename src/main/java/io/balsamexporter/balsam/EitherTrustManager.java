package io.balsamexporter.balsam;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server that either the system trust store or the user's extra CA vouches for. Both
 * delegates are extended managers, so each still checks the host name against the certificate.
 */
final class EitherTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager system;
  private final X509ExtendedTrustManager extra;

  EitherTrustManager(X509ExtendedTrustManager system, X509ExtendedTrustManager extra) {
    this.system = system;
    this.extra = extra;
  }

  @FunctionalInterface
  private interface Check {
    void run(X509ExtendedTrustManager manager) throws CertificateException;
  }

  private void either(Check check) throws CertificateException {
    try {
      check.run(system);
    } catch (CertificateException systemRefused) {
      try {
        check.run(extra);
      } catch (CertificateException extraRefused) {
        extraRefused.addSuppressed(systemRefused);
        throw extraRefused;
      }
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    either(m -> m.checkServerTrusted(chain, authType));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    either(m -> m.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    either(m -> m.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    either(m -> m.checkClientTrusted(chain, authType));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    either(m -> m.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    either(m -> m.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return Stream.concat(
            Arrays.stream(system.getAcceptedIssuers()), Arrays.stream(extra.getAcceptedIssuers()))
        .toArray(X509Certificate[]::new);
  }
}

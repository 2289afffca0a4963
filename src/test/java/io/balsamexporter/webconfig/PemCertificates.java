package io.balsamexporter.webconfig;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A test CA made at test time, issuing PEM certificates, so no key material is ever committed. */
public final class PemCertificates {
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private long serial = 1;

  public PemCertificates(String name) throws Exception {
    caKeys = newKeys();
    ca = sign(name, caKeys, caKeys, true);
  }

  X509Certificate ca() {
    return ca;
  }

  /** Writes {@code name}.crt and {@code name}.key, a leaf for 127.0.0.1 signed by this CA. */
  public Issued issue(Path dir, String name) throws Exception {
    KeyPair keys = newKeys();
    X509Certificate cert = sign(name, keys, caKeys, false);
    Path crt = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    Files.writeString(crt, pem(cert));
    Files.writeString(
        key,
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(keys.getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
    return new Issued(crt, key, cert, keys.getPrivate());
  }

  public Path writeCa(Path dir) throws Exception {
    Path file = dir.resolve("ca.crt");
    Files.writeString(file, pem(ca));
    return file;
  }

  public record Issued(Path certFile, Path keyFile, X509Certificate cert, PrivateKey key) {}

  /** A client context trusting this CA and, if {@code client} is given, presenting it. */
  SSLContext clientContext(Issued client) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    if (client != null) {
      keys.setKeyEntry(
          "client", client.key(), "pw".toCharArray(), new X509Certificate[] {client.cert(), ca});
    }
    kmf.init(keys, "pw".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return context;
  }

  private X509Certificate sign(String name, KeyPair subject, KeyPair issuer, boolean isCa)
      throws Exception {
    Instant now = Instant.now();
    X500Name issuerName =
        isCa
            ? new X500Name("CN=" + name)
            : X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuerName,
            BigInteger.valueOf(serial++),
            Date.from(now.minus(1, ChronoUnit.HOURS)),
            Date.from(now.plus(2, ChronoUnit.DAYS)),
            new X500Name("CN=" + name),
            subject.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
    if (!isCa) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
  }

  private static KeyPair newKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }
}

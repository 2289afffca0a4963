package io.balsamexporter.balsam;

import io.balsamexporter.testing.BoundedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Self-signed certificates made at test time with the JDK's keytool, so no key material is ever
 * committed.
 */
final class TestCertificates {
  static final String STORE_PASSWORD = "test-store-pw";

  private TestCertificates() {}

  /** A PKCS12 key store holding one self-signed EC key pair for 127.0.0.1. */
  static Path keyStore(Path dir, String alias) throws IOException, InterruptedException {
    return keyStore(dir, alias, "ip:127.0.0.1");
  }

  /** A PKCS12 key store holding one self-signed EC key pair for {@code subjectAltName}. */
  static Path keyStore(Path dir, String alias, String subjectAltName)
      throws IOException, InterruptedException {
    Path store = dir.resolve(alias + ".p12");
    keytool(
        "-genkeypair",
        "-alias",
        alias,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + alias,
        "-ext",
        "san=" + subjectAltName,
        "-validity",
        "2",
        "-storetype",
        "PKCS12",
        "-keystore",
        store.toString(),
        "-storepass",
        STORE_PASSWORD);
    return store;
  }

  /** The certificate of {@code alias} in {@code store}, as PEM text. */
  static String pem(Path store, String alias) throws IOException, InterruptedException {
    Path pem = store.resolveSibling(alias + ".pem");
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        alias,
        "-keystore",
        store.toString(),
        "-storepass",
        STORE_PASSWORD,
        "-file",
        pem.toString());
    return Files.readString(pem);
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    BoundedProcess.Result result =
        BoundedProcess.run(command, "", Map.of(), Duration.ofSeconds(60));
    if (result.exitCode() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + result.output());
    }
  }
}

package io.balsamexporter.webconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live web config: what every request is checked against. {@link #reloadIfChanged()} re-reads
 * the file and the certificate files it names when their bytes change (bytes, not mtimes, since a
 * rotation within one second keeps the mtime on some file systems). A broken file keeps the last
 * good config and is logged once.
 */
public final class WebGate {
  private static final Logger log = LoggerFactory.getLogger(WebGate.class);
  private static final String CHALLENGE = "Basic realm=\"balsam-exporter\", charset=\"UTF-8\"";

  private final Optional<Path> file;
  private final BasicAuth auth = new BasicAuth();
  private volatile WebConfig current;
  private volatile Consumer<WebConfig.Tls> tlsListener = tls -> {};
  private byte[] fingerprint;
  private byte[] failedFingerprint;

  private WebGate(Optional<Path> file, WebConfig first, byte[] fingerprint) {
    this.file = file;
    this.current = first;
    this.fingerprint = fingerprint;
  }

  /** No file: plain HTTP, open to everyone. */
  public static WebGate open() {
    return new WebGate(Optional.empty(), WebConfig.NONE, new byte[0]);
  }

  /** Loads {@code file} once; a broken file fails here, before anything is served. */
  public static WebGate load(Path file) throws WebConfigException {
    byte[] print = fingerprint(file);
    return new WebGate(Optional.of(file), WebConfig.load(file), print);
  }

  public WebConfig current() {
    return current;
  }

  /** Called with the new TLS material after a rotation. */
  public void onTlsChange(Consumer<WebConfig.Tls> listener) {
    this.tlsListener = listener;
  }

  /** Re-reads the file when it or a file it names changed; true when a new config took effect. */
  public synchronized boolean reloadIfChanged() {
    if (file.isEmpty()) {
      return false;
    }
    byte[] print = fingerprint(file.get());
    if (MessageDigest.isEqual(print, fingerprint)
        || MessageDigest.isEqual(print, failedFingerprint)) {
      return false;
    }
    WebConfig next;
    try {
      next = WebConfig.load(file.get());
      if (next.tls().isPresent() != current.tls().isPresent()) {
        throw new WebConfigException(
            file.get() + ": switching between HTTP and HTTPS needs a restart");
      }
    } catch (WebConfigException e) {
      failedFingerprint = print;
      log.warn(
          "msg=\"web config not reloaded, keeping the last good one\" error=\"{}\"",
          e.getMessage());
      return false;
    }
    current = next;
    fingerprint = print;
    failedFingerprint = null;
    next.tls().ifPresent(tlsListener);
    log.info("msg=\"web config reloaded\" file=\"{}\"", file.get());
    return true;
  }

  /**
   * Checks one request.
   *
   * @return empty when it may pass; otherwise the {@code WWW-Authenticate} challenge to send with a
   *     401
   */
  public Optional<String> refusal(String authorization) {
    Map<String, String> users = current.users();
    if (users.isEmpty() || auth.allows(users, authorization)) {
      return Optional.empty();
    }
    return Optional.of(CHALLENGE);
  }

  int bcryptRuns() {
    return auth.bcryptRuns();
  }

  private static byte[] fingerprint(Path file) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      digestFile(sha, file);
      for (Path named : WebConfig.namedFiles(file)) {
        digestFile(sha, named);
      }
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void digestFile(MessageDigest sha, Path file) {
    try {
      sha.update(Files.readAllBytes(file));
    } catch (IOException e) {
      sha.update(("missing " + file).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    sha.update((byte) 0);
  }
}

package io.balsamexporter.balsam;

import io.balsamexporter.balsam.BalsamException.Kind;
import io.balsamexporter.log.LogLine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token that someone else keeps in a file: the one {@code balsam login} writes to client.yml, or
 * a {@code --balsam.token-file} that a secret store rotates. The exporter cannot renew it, but the
 * file is read again whenever it changes and after Balsam refuses the token, so a new {@code balsam
 * login} or a rotated secret is picked up without a restart. A file that cannot be read again
 * leaves the token in use as it was.
 */
public final class FileToken implements BalsamAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(FileToken.class);

  /** Reads the token out of the file; messages never quote the file's content. */
  @FunctionalInterface
  private interface Reader {
    BearerToken read(Path path) throws IOException;
  }

  private final Path path;
  private final Reader reader;
  private final String origin;
  private final String advice;
  private BearerToken current;
  private Optional<FileTime> versionRead;
  private String lastProblem;

  private FileToken(Path path, Reader reader, String origin, String advice) throws BalsamException {
    this.path = path;
    this.reader = reader;
    this.origin = origin;
    this.advice = advice;
    this.versionRead = SecretFiles.modified(path);
    try {
      this.current = reader.read(path);
    } catch (IOException e) {
      throw new BalsamException(
          Kind.UNAUTHORIZED,
          0,
          "cannot read the Balsam login in " + path + ": " + SecretFiles.reason(e));
    }
  }

  /**
   * The login {@code balsam login} left in client.yml, for the server at {@code apiUrl}. A token
   * that has already expired is kept: the first request reports it, and a new login heals it.
   *
   * @throws BalsamException UNAUTHORIZED when the file cannot be read or holds no token for this
   *     server
   */
  public static FileToken clientFile(Path path, URI apiUrl) throws BalsamException {
    Objects.requireNonNull(apiUrl, "apiUrl");
    return new FileToken(
        path,
        file -> {
          ClientSettingsFile settings = ClientSettingsFile.read(file);
          if (settings.token().isEmpty()) {
            throw new IOException("it holds no token; run `balsam login` first");
          }
          if (!settings.isFor(apiUrl)) {
            throw new IOException("it holds a login for another server, not " + apiUrl);
          }
          String value = settings.token().get();
          Optional<String> problem = BearerToken.problemWith(value);
          if (problem.isPresent()) {
            throw new IOException("its token " + problem.get());
          }
          return new BearerToken(value, settings.tokenExpiry().or(() -> JwtExpiry.of(value)));
        },
        "the token in " + path,
        "run `balsam login` again");
  }

  /** A file that holds one bearer token and nothing else; surrounding spaces are ignored. */
  public static FileToken tokenFile(Path path) throws BalsamException {
    return new FileToken(
        path,
        file -> {
          String value = Files.readString(file).strip();
          Optional<String> problem = BearerToken.problemWith(value);
          if (problem.isPresent()) {
            throw new IOException("it " + problem.get());
          }
          return BearerToken.decoding(value);
        },
        "the token in --balsam.token-file " + path,
        "write a new one to the file");
  }

  @Override
  public synchronized BearerToken token(BalsamHttp http, Instant now) {
    if (!SecretFiles.modified(path).equals(versionRead)) {
      readAgain();
    }
    return current;
  }

  @Override
  public synchronized Optional<BearerToken> renew(
      BearerToken rejected, BalsamHttp http, Instant now) {
    readAgain();
    return current.value().equals(rejected.value()) ? Optional.empty() : Optional.of(current);
  }

  @Override
  public synchronized Optional<Instant> tokenExpiry() {
    return current.expiry();
  }

  @Override
  public synchronized String rejectionAdvice(Instant now) {
    return "; "
        + origin
        + current.refusal(now)
        + " "
        + advice
        + " (the exporter reads the file again when it changes)";
  }

  private void readAgain() {
    // The version is noted before reading: a write that lands meanwhile is read at the next call.
    versionRead = SecretFiles.modified(path);
    BearerToken read;
    try {
      read = reader.read(path);
    } catch (IOException e) {
      String problem = SecretFiles.reason(e);
      if (!problem.equals(lastProblem)) {
        LOG.warn(
            "{}",
            LogLine.msg("cannot read the Balsam token again, keeping the one in use")
                .with("file", path)
                .with("error", problem));
        lastProblem = problem;
      }
      return;
    }
    lastProblem = null;
    if (!read.value().equals(current.value())) {
      LOG.info(
          "{}",
          LogLine.msg("read a new Balsam token")
              .with("file", path)
              .with("token_expiry", read.expiry().map(Instant::toString).orElse("unknown")));
    }
    current = read;
  }

  @Override
  public String toString() {
    return "FileToken[file=" + path + ", token=<redacted>]";
  }
}

package io.balsamexporter.balsam;

import io.balsamexporter.log.LogLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file {@code --balsam.password-file} names, which a secret store may rewrite while the
 * exporter runs. It is read again when its modification time changed and whenever Balsam refused
 * the password or a token, so a rotated password is used from the next login on; a file that cannot
 * be read again leaves the password in use as it was. Neither the password nor any of the file's
 * text ever reaches a log line or a message.
 */
public final class PasswordFile {
  private static final Logger LOG = LoggerFactory.getLogger(PasswordFile.class);

  private final Path path;
  private String password;
  private Optional<FileTime> versionRead;
  private boolean refused;
  private String lastProblem;

  /** {@code password} is what the config read from {@code path} at start. */
  PasswordFile(Path path, String password) {
    this.path = path;
    this.password = password;
    this.versionRead = SecretFiles.modified(path);
  }

  /**
   * The password without the line breaks that end it ({@code echo secret > file} adds one that is
   * not part of the password); other spaces are kept. Empty when nothing else is left.
   */
  public static String strip(String text) {
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }

  /** Balsam refused a login or a token obtained with the password: read the file next time. */
  synchronized void refused() {
    refused = true;
  }

  /** The password to log in with now, read again if the file changed or was refused since. */
  synchronized String current() {
    if (refused || !SecretFiles.modified(path).equals(versionRead)) {
      readAgain();
    }
    refused = false;
    return password;
  }

  private void readAgain() {
    // The version is noted before reading: a write that lands meanwhile is read at the next login.
    versionRead = SecretFiles.modified(path);
    String read;
    try {
      read = strip(Files.readString(path));
      if (read.isEmpty()) {
        throw new IOException("the file is empty");
      }
    } catch (IOException e) {
      String problem = SecretFiles.reason(e);
      if (!problem.equals(lastProblem)) {
        LOG.warn(
            "{}",
            LogLine.msg("cannot read the Balsam password file again, keeping the password in use")
                .with("file", path)
                .with("error", problem));
        lastProblem = problem;
      }
      return;
    }
    lastProblem = null;
    if (!read.equals(password)) {
      LOG.info("{}", LogLine.msg("read a new Balsam password").with("file", path));
    }
    password = read;
  }

  @Override
  public String toString() {
    return "PasswordFile[" + path + ", password=<redacted>]";
  }
}

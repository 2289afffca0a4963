package io.balsamexporter.balsam;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What the files holding a secret (a token, a password) share: when to read them, what went wrong.
 */
final class SecretFiles {
  private SecretFiles() {}

  /** The file's modification time, or empty when it cannot be read: a change either way. */
  static Optional<FileTime> modified(Path path) {
    try {
      return Optional.of(Files.getLastModifiedTime(path));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Why the file could not be read, never quoting it: a YAML parser's message quotes the offending
   * line, which may be the secret's, so only its position is kept.
   */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "there is no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not UTF-8 text";
    }
    if (e instanceof JsonProcessingException yaml) {
      JsonLocation at = yaml.getLocation();
      return "not valid YAML" + (at == null ? "" : " (line " + at.getLineNr() + ")");
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}

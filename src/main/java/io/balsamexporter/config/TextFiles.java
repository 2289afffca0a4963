package io.balsamexporter.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the files settings point at, with errors that say why and never quote the content. */
final class TextFiles {
  private TextFiles() {}

  /** The path a setting names, which must be a readable regular file. */
  static Path existingFile(Setting setting) throws ConfigException {
    Path path = Path.of(setting.value());
    if (!Files.isRegularFile(path)) {
      throw setting.problem("names " + path + ", which is not a file");
    }
    if (!Files.isReadable(path)) {
      throw setting.problem("names " + path + ", which cannot be read: permission denied");
    }
    return path;
  }

  /** The UTF-8 text of the file a setting names. */
  static String read(Setting setting) throws ConfigException {
    Path path = existingFile(setting);
    try {
      return Files.readString(path);
    } catch (NoSuchFileException e) {
      throw setting.problem("names " + path + ", which is not a file");
    } catch (AccessDeniedException e) {
      throw setting.problem("names " + path + ", which cannot be read: permission denied");
    } catch (CharacterCodingException e) {
      throw setting.problem("names " + path + ", which is not UTF-8 text");
    } catch (IOException e) {
      throw setting.problem(
          "names " + path + ", which cannot be read: " + e.getClass().getSimpleName());
    }
  }
}

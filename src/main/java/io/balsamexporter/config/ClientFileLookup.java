package io.balsamexporter.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.balsamexporter.balsam.BalsamUrl;
import io.balsamexporter.balsam.ClientSettingsFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Balsam's own client settings, read only when the URL or the credentials are not given otherwise,
 * and at most once. A missing file is normal unless {@code --balsam.client-file} names it; a broken
 * one is an error rather than a silent fallback to the demo.
 */
final class ClientFileLookup {
  private final Optional<Setting> explicit;
  private final Path path;
  private Optional<ClientSettingsFile> cached;

  ClientFileLookup(Optional<Setting> explicit, Map<String, String> env) {
    this.explicit = explicit;
    this.path =
        explicit
            .map(setting -> Path.of(setting.value()))
            .orElseGet(() -> ClientSettingsFile.defaultPath(env));
  }

  Path path() {
    return path;
  }

  Optional<ClientSettingsFile> read() throws ConfigException {
    if (cached == null) {
      cached = load();
    }
    return cached;
  }

  /** The file's {@code api_root}, checked by the same rules as {@code --balsam.url}. */
  Optional<URI> apiRoot() throws ConfigException {
    Optional<URI> root = read().flatMap(ClientSettingsFile::apiRoot);
    if (root.isEmpty()) {
      return root;
    }
    String text = root.get().toString();
    try {
      return Optional.of(TargetResolver.parseUrl(text));
    } catch (IllegalArgumentException e) {
      String got = BalsamUrl.safeToQuote(text) ? ", got " + text : "";
      throw new ConfigException("api_root in " + describe() + " " + e.getMessage() + got);
    }
  }

  private Optional<ClientSettingsFile> load() throws ConfigException {
    if (!Files.exists(path)) {
      if (explicit.isPresent()) {
        throw explicit.get().problem("names " + path + ", which does not exist");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(ClientSettingsFile.read(path));
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the broken line, which may be the token.
      var location = e.getLocation();
      String at = location == null ? "" : " (line " + location.getLineNr() + ")";
      throw new ConfigException(describe() + " is not valid YAML" + at);
    } catch (FileSystemException e) {
      String reason = e.getReason() == null ? "" : ": " + e.getReason();
      throw new ConfigException(describe() + " cannot be read" + reason);
    } catch (IOException e) {
      // ClientSettingsFile's own messages name the file and the broken rule, never the token.
      throw new ConfigException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("api_root in " + describe() + " is not a URL");
    }
  }

  private String describe() {
    return "Balsam client file " + path;
  }
}

package io.balsamexporter.balsam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The login that {@code balsam login} leaves in {@code $BALSAM_CLIENT_PATH} or {@code
 * ~/.balsam/client.yml} (balsam-api.md §10). Only {@code api_root}, {@code token} and {@code
 * token_expiry} are read; the other keys belong to Balsam's own client.
 */
public record ClientSettingsFile(
    Path path, Optional<URI> apiRoot, Optional<String> token, Optional<Instant> tokenExpiry) {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Where Balsam's client keeps its login, given the process environment. */
  public static Path defaultPath(Map<String, String> env) {
    String explicit = env.get("BALSAM_CLIENT_PATH");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    return Path.of(System.getProperty("user.home"), ".balsam", "client.yml");
  }

  public static ClientSettingsFile read(Path path) throws IOException {
    JsonNode root = YAML.readTree(Files.readString(path));
    if (root == null || !root.isObject()) {
      throw new IOException("Balsam client settings " + path + " is not a YAML mapping");
    }
    Optional<URI> apiRoot;
    try {
      apiRoot = text(root, "api_root").map(ClientSettingsFile::apiRoot);
    } catch (IllegalArgumentException e) {
      throw new IOException("api_root in " + path + " is not a URL", e);
    }
    Optional<Instant> expiry;
    try {
      // YAML gives either a string or a timestamp with a space; both are naive UTC.
      expiry = text(root, "token_expiry").map(s -> BalsamTime.parse(s.trim().replace(' ', 'T')));
    } catch (IllegalArgumentException e) {
      throw new IOException("token_expiry in " + path + " is not a timestamp", e);
    }
    return new ClientSettingsFile(path, apiRoot, text(root, "token"), expiry);
  }

  /**
   * Whether the login is for the server at {@code apiUrl}: true when the file names no api_root,
   * false when it names another one, since sending the token there would hand it to whoever runs
   * that server.
   */
  public boolean isFor(URI apiUrl) {
    return apiRoot.map(root -> sameRoot(root, apiUrl)).orElse(true);
  }

  private static boolean sameRoot(URI a, URI b) {
    // A root without scheme or host (config refuses one at the start) names no server of ours.
    if (a.getScheme() == null || a.getHost() == null) {
      return false;
    }
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost().equalsIgnoreCase(b.getHost())
        && effectivePort(a) == effectivePort(b)
        && a.getRawPath().equals(b.getRawPath());
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
  }

  private static URI apiRoot(String text) {
    String trimmed = text.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return URI.create(trimmed);
  }

  private static Optional<String> text(JsonNode root, String key) {
    JsonNode node = root.get(key);
    if (node == null || node.isNull() || node.asText().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(node.asText());
  }

  @Override
  public String toString() {
    return "ClientSettingsFile[path=" + path + ", apiRoot=" + apiRoot + ", token=<redacted>]";
  }
}

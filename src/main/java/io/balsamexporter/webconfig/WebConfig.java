package io.balsamexporter.webconfig;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed {@code --web.config.file}, in the Prometheus exporter-toolkit's format, with its TLS
 * material already loaded so that a bad certificate fails here and not at the first handshake.
 *
 * @param tls the HTTPS settings; empty serves plain HTTP
 * @param users user name to bcrypt hash; empty asks for no login
 * @param headers response headers added to every answer
 */
public record WebConfig(Optional<Tls> tls, Map<String, String> users, Map<String, String> headers) {
  // A key given twice is refused, as the exporter-toolkit's parser does, rather than the last one
  // silently winning.
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final java.util.regex.Pattern FIELD_NAME =
      java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,40}");
  private static final Set<String> TOP_KEYS =
      Set.of("tls_server_config", "http_server_config", "basic_auth_users");
  private static final Set<String> TLS_KEYS =
      Set.of("cert_file", "key_file", "client_auth_type", "client_ca_file", "min_version");

  /** No TLS, no login, no extra headers: what the exporter does without a web config file. */
  public static final WebConfig NONE = new WebConfig(Optional.empty(), Map.of(), Map.of());

  public WebConfig {
    users = Map.copyOf(users);
    headers = Map.copyOf(headers);
  }

  /**
   * @param keyStore the server's key and certificate chain
   * @param trustStore the CAs client certificates are checked against; empty when none is given
   * @param clientAuth what is asked of clients
   * @param minVersion the lowest TLS protocol accepted, e.g. {@code TLSv1.2}
   */
  public record Tls(
      KeyStore keyStore, Optional<KeyStore> trustStore, ClientAuth clientAuth, String minVersion) {
    public boolean wantClientCert() {
      return clientAuth.want;
    }

    public boolean needClientCert() {
      return clientAuth.need;
    }

    public boolean verifiesClientCert() {
      return clientAuth.verifies;
    }
  }

  /** The password of the in-memory key stores; they never touch the disk. */
  public static final char[] IN_MEMORY_PASSWORD = PemFiles.IN_MEMORY_PASSWORD;

  /** Reads and checks {@code file}; relative paths inside it are relative to its directory. */
  public static WebConfig load(Path file) throws WebConfigException {
    JsonNode root;
    try {
      root = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new WebConfigException(
          file + ": the web config is not valid YAML" + YamlProblems.describe(e));
    } catch (IOException e) {
      throw new WebConfigException(
          file + ": cannot read the web config (" + e.getClass().getSimpleName() + ")");
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      return NONE;
    }
    if (!root.isObject()) {
      throw new WebConfigException(file + ": the web config must be a YAML mapping");
    }
    unknownKeys(root, TOP_KEYS, "", file);
    Path dir = file.toAbsolutePath().getParent();
    Optional<Tls> tls = Optional.empty();
    JsonNode tlsNode = root.path("tls_server_config");
    if (tlsNode.isObject() && tlsNode.size() > 0) {
      tls = Optional.of(tls(tlsNode, dir, file));
    }
    return new WebConfig(
        tls,
        stringMap(root.path("basic_auth_users"), "basic_auth_users", file),
        headers(root.path("http_server_config"), file));
  }

  /**
   * The certificate and key files {@code file} names, for change detection; empty if unreadable.
   */
  static List<Path> namedFiles(Path file) {
    try {
      JsonNode tls = YAML.readTree(Files.readString(file)).path("tls_server_config");
      Path dir = file.toAbsolutePath().getParent();
      List<Path> named = new ArrayList<>();
      for (String key : List.of("cert_file", "key_file", "client_ca_file")) {
        if (tls.hasNonNull(key)) {
          named.add(resolve(dir, tls.get(key).asText()));
        }
      }
      return named;
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  private static Tls tls(JsonNode node, Path dir, Path file) throws WebConfigException {
    unknownKeys(node, TLS_KEYS, "tls_server_config.", file);
    Path cert = requiredPath(node, "cert_file", dir, file);
    Path key = requiredPath(node, "key_file", dir, file);
    KeyStore keyStore =
        PemFiles.keyStore(
            PemFiles.privateKey(key, "tls_server_config.key_file"),
            PemFiles.certificates(cert, "tls_server_config.cert_file"));
    ClientAuth auth = ClientAuth.parse(node.path("client_auth_type").asText(""), file.toString());
    Optional<KeyStore> trust = Optional.empty();
    if (node.hasNonNull("client_ca_file")) {
      Path ca = resolve(dir, node.get("client_ca_file").asText());
      trust =
          Optional.of(
              PemFiles.trustStore(PemFiles.certificates(ca, "tls_server_config.client_ca_file")));
    }
    if (auth.verifies && trust.isEmpty()) {
      throw new WebConfigException(
          file
              + ": tls_server_config.client_auth_type "
              + auth.yamlName
              + " needs tls_server_config.client_ca_file");
    }
    String min =
        switch (node.path("min_version").asText("TLS12")) {
          case "TLS12" -> "TLSv1.2";
          case "TLS13" -> "TLSv1.3";
          default ->
              throw new WebConfigException(
                  file
                      + ": tls_server_config.min_version '"
                      + node.get("min_version").asText()
                      + "' is not TLS12 or TLS13");
        };
    return new Tls(keyStore, trust, auth, min);
  }

  private static Map<String, String> headers(JsonNode node, Path file) throws WebConfigException {
    if (node.isMissingNode() || node.isNull()) {
      return Map.of();
    }
    unknownKeys(node, Set.of("headers", "http2"), "http_server_config.", file);
    return stringMap(node.path("headers"), "http_server_config.headers", file);
  }

  private static Map<String, String> stringMap(JsonNode node, String field, Path file)
      throws WebConfigException {
    Map<String, String> map = new LinkedHashMap<>();
    if (node.isMissingNode() || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      throw new WebConfigException(file + ": " + field + " must be a mapping");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isTextual()) {
        // The value may be a secret: name only the key.
        throw new WebConfigException(
            file + ": " + field + "." + entry.getKey() + " must be a string");
      }
      map.put(entry.getKey(), entry.getValue().asText());
    }
    if (field.equals("basic_auth_users")) {
      for (Map.Entry<String, String> user : map.entrySet()) {
        if (!BasicAuth.isBcryptHash(user.getValue())) {
          throw new WebConfigException(
              file
                  + ": basic_auth_users."
                  + user.getKey()
                  + " is not a bcrypt hash ($2a$, $2b$ or $2y$)");
        }
      }
    }
    return map;
  }

  private static Path requiredPath(JsonNode node, String key, Path dir, Path file)
      throws WebConfigException {
    if (!node.hasNonNull(key) || node.get(key).asText().isEmpty()) {
      throw new WebConfigException(file + ": tls_server_config." + key + " is required for TLS");
    }
    return resolve(dir, node.get(key).asText());
  }

  private static Path resolve(Path dir, String path) {
    return dir.resolve(path);
  }

  private static void unknownKeys(JsonNode node, Set<String> known, String prefix, Path file)
      throws WebConfigException {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!known.contains(key)) {
        // A key that does not look like a field name may be a password pasted on the wrong line.
        String shown =
            FIELD_NAME.matcher(key).matches()
                ? prefix + key
                : "under "
                    + (prefix.isEmpty() ? "the top level" : prefix)
                    + " (not shown, as it"
                    + " does not look like a field name)";
        throw new WebConfigException(file + ": unknown field " + shown);
      }
    }
  }
}

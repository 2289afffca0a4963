package io.balsamexporter.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.balsamexporter.config.FlagSpec.Source;
import io.balsamexporter.config.FlagSpec.Syntax;
import io.balsamexporter.webconfig.YamlProblems;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The YAML file of {@code --config.file}: settings as nested mappings ({@code balsam: {url: x}}),
 * dotted keys ({@code balsam.url: x}) or a mix. A null value leaves a setting unset. Parse errors
 * give the line and the problem but never the offending text, which may hold a token.
 */
final class YamlConfigSource {
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
  private static final Map<String, FlagSpec> BY_NAME = new LinkedHashMap<>();

  static {
    for (FlagSpec spec : Flags.all()) {
      BY_NAME.put(spec.name(), spec);
    }
  }

  private final String file;
  private final Map<FlagSpec, Setting> settings = new LinkedHashMap<>();

  private YamlConfigSource(String file) {
    this.file = file;
  }

  /** The settings in the file that {@code configFile} names. */
  static Map<FlagSpec, Setting> read(Setting configFile) throws ConfigException {
    String text = TextFiles.read(configFile);
    YamlConfigSource source = new YamlConfigSource(configFile.value());
    JsonNode root = source.parse(text);
    if (root.isMissingNode() || root.isNull()) {
      return Map.of();
    }
    if (!root.isObject()) {
      throw new ConfigException(
          "config file "
              + configFile.value()
              + " must be a YAML mapping of settings, got "
              + describe(root));
    }
    source.walk(root, "");
    return source.settings;
  }

  private JsonNode parse(String text) throws ConfigException {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          "config file " + file + " is not valid YAML" + YamlProblems.describe(e));
    }
  }

  private void walk(JsonNode mapping, String prefix) throws ConfigException {
    for (Map.Entry<String, JsonNode> field : mapping.properties()) {
      String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
      JsonNode node = field.getValue();
      FlagSpec spec = BY_NAME.get(key);
      if (spec != null) {
        put(spec, key, node);
      } else if (isGroup(key)) {
        if (!node.isObject()) {
          throw new ConfigException(
              key
                  + " in config file "
                  + file
                  + " must be a mapping of settings such as "
                  + firstInGroup(key)
                  + ", got "
                  + describe(node));
        }
        walk(node, key);
      } else {
        throw new ConfigException(
            "unknown key "
                + key
                + " in config file "
                + file
                + Suggestions.didYouMean(key, names(), ""));
      }
    }
  }

  private void put(FlagSpec spec, String key, JsonNode node) throws ConfigException {
    if (!spec.accepts(Source.FILE)) {
      throw new ConfigException(key + " cannot be set in the config file" + otherPlaces(spec));
    }
    if (node.isNull()) {
      return;
    }
    String where = key + " in " + file;
    if (settings.containsKey(spec)) {
      throw new ConfigException(key + " is set twice in config file " + file);
    }
    settings.put(spec, new Setting(spec, text(spec, key, node), Optional.of(Source.FILE), where));
  }

  private String text(FlagSpec spec, String key, JsonNode node) throws ConfigException {
    if (isScalar(node)) {
      return node.asText();
    }
    if (node.isArray() && spec.syntax() == Syntax.LIST) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : node) {
        if (!isScalar(item)) {
          throw new ConfigException(
              key
                  + " in config file "
                  + file
                  + " must be a list of names, got a list holding "
                  + describe(item));
        }
        items.add(item.asText());
      }
      return String.join(",", items);
    }
    String expected =
        spec.syntax() == Syntax.LIST ? "a list or a comma-separated string" : "a single value";
    throw new ConfigException(
        key + " in config file " + file + " must be " + expected + ", got " + describe(node));
  }

  private static boolean isScalar(JsonNode node) {
    return node.isTextual() || node.isNumber() || node.isBoolean();
  }

  private static String otherPlaces(FlagSpec spec) {
    List<String> places = new ArrayList<>();
    if (spec.accepts(Source.FLAG)) {
      places.add(spec.flag());
    }
    if (spec.accepts(Source.ENV)) {
      places.add(spec.envName());
    }
    if (spec == Flags.BALSAM_PASSWORD) {
      places.add(Flags.BALSAM_PASSWORD_FILE.name() + " in the file");
    }
    return places.isEmpty() ? "" : "; use " + String.join(" or ", places);
  }

  private static boolean isGroup(String key) {
    // Over every name, so that config.file gets its own message rather than "unknown key".
    return BY_NAME.keySet().stream().anyMatch(name -> name.startsWith(key + "."));
  }

  private static String firstInGroup(String key) {
    return names().stream().filter(name -> name.startsWith(key + ".")).findFirst().orElse(key);
  }

  private static List<String> names() {
    return Flags.from(Source.FILE).stream().map(FlagSpec::name).toList();
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}

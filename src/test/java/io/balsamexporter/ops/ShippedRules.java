package io.balsamexporter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The rule files and promtool test files under prometheus/, read as YAML. */
final class ShippedRules {
  static final Path RULES_DIR = Path.of("prometheus", "rules");
  static final Path TESTS_DIR = Path.of("prometheus", "tests");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** One rule of a rule group: an alert or a recording rule. */
  record Rule(Path file, JsonNode node) {
    boolean isAlert() {
      return node.has("alert");
    }

    String name() {
      return isAlert() ? node.get("alert").asText() : node.get("record").asText();
    }

    String expr() {
      return node.get("expr").asText();
    }
  }

  static List<Path> ruleFiles() {
    return yamlFiles(RULES_DIR);
  }

  static List<Path> testFiles() {
    return yamlFiles(TESTS_DIR);
  }

  static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    for (Path file : ruleFiles()) {
      for (JsonNode group : read(file).path("groups")) {
        group.path("rules").forEach(rule -> rules.add(new Rule(file, rule)));
      }
    }
    return rules;
  }

  static List<Rule> alerts() {
    return rules().stream().filter(Rule::isAlert).toList();
  }

  static List<Rule> recordingRules() {
    return rules().stream().filter(rule -> !rule.isAlert()).toList();
  }

  /** Every test case of every promtool test file. */
  static List<JsonNode> testCases() {
    List<JsonNode> cases = new ArrayList<>();
    testFiles().forEach(file -> read(file).path("tests").forEach(cases::add));
    return cases;
  }

  static JsonNode read(Path file) {
    try {
      return YAML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ShippedRules() {}
}

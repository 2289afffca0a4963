package io.balsamexporter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Grafana dashboards under grafana/dashboards/, their panels and their queries. */
final class ShippedDashboards {
  static final Path DIR = Path.of("grafana", "dashboards");
  private static final ObjectMapper JSON = new ObjectMapper();

  record Dashboard(Path file, JsonNode json) {
    String title() {
      return json.path("title").asText();
    }

    /** Every panel, with those inside collapsed rows. */
    List<JsonNode> panels() {
      List<JsonNode> panels = new ArrayList<>();
      for (JsonNode panel : json.path("panels")) {
        panels.add(panel);
        panel.path("panels").forEach(panels::add);
      }
      return panels;
    }

    List<JsonNode> variables() {
      List<JsonNode> variables = new ArrayList<>();
      json.path("templating").path("list").forEach(variables::add);
      return variables;
    }

    List<Query> queries() {
      List<Query> queries = new ArrayList<>();
      for (JsonNode panel : panels()) {
        for (JsonNode target : panel.path("targets")) {
          queries.add(new Query(this, panel, target.path("expr").asText()));
        }
      }
      return queries;
    }
  }

  /** One panel query, as written in the dashboard (with Grafana variables). */
  record Query(Dashboard dashboard, JsonNode panel, String expr) {
    String where() {
      return dashboard.title() + " / " + panel.path("title").asText() + ": " + expr;
    }
  }

  static List<Dashboard> all() {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .map(f -> new Dashboard(f, read(f)))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Query> queries() {
    return all().stream().flatMap(d -> d.queries().stream()).toList();
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ShippedDashboards() {}
}

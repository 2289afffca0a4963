package io.balsamexporter.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balsamexporter.analytics.EventFormats;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Prints events the exporter returned, in the {@code events} command's forms: a table that reads
 * like {@code balsam job ls} (one aligned line an event, times in UTC), CSV, JSON Lines, or JSON.
 */
final class EventPrinter {
  enum Form {
    TABLE,
    CSV,
    JSONL,
    JSON
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DATA_WIDTH = 80;
  private static final String[] HEADER = {
    "TIMESTAMP (UTC)", "EVENT", "JOB", "SITE", "APP", "FROM_STATE", "TO_STATE", "TAGS", "DATA"
  };

  private final Form form;
  private final PrintStream out;
  private boolean headerDone;

  EventPrinter(Form form, PrintStream out) {
    this.form = form;
    this.out = out;
  }

  /** Prints a batch of rows; a table aligns each batch on its own widths. */
  void print(List<JsonNode> rows) {
    switch (form) {
      case TABLE -> table(rows);
      case CSV -> csv(rows);
      case JSONL -> rows.forEach(row -> out.println(row.toString()));
      case JSON -> throw new IllegalStateException("JSON is printed whole, by printWhole");
    }
    out.flush();
  }

  /** The JSON form: one object like the API's page, holding every row printed. */
  void printWhole(long count, List<JsonNode> rows, JsonNode next) {
    ObjectNode page = JSON.createObjectNode();
    page.put("count", count);
    ArrayNode results = page.putArray("results");
    rows.forEach(results::add);
    page.set("next", next);
    out.println(page.toString());
    out.flush();
  }

  private void table(List<JsonNode> rows) {
    List<String[]> lines = new ArrayList<>();
    if (!headerDone) {
      lines.add(HEADER);
    }
    for (JsonNode row : rows) {
      lines.add(
          new String[] {
            row.get("timestamp").asText().replace('T', ' ').replace("Z", ""),
            row.get("id").asText(),
            row.get("job_id").asText(),
            row.get("site").asText(),
            row.get("app").asText(),
            row.get("from_state").asText(),
            row.get("to_state").asText(),
            tags(row.get("tags")),
            data(row)
          });
    }
    int[] widths = new int[HEADER.length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        text.append(line[i]);
        if (i < line.length - 1) {
          text.append(" ".repeat(widths[i] - line[i].length() + 2));
        }
      }
      out.println(text.toString().stripTrailing());
    }
    headerDone = true;
  }

  private void csv(List<JsonNode> rows) {
    if (!headerDone) {
      out.println(EventFormats.CSV_HEADER);
      headerDone = true;
    }
    for (JsonNode row : rows) {
      String state = row.path("data_state").asText("whole");
      out.println(
          String.join(
              ",",
              row.get("id").asText(),
              row.get("job_id").asText(),
              row.get("timestamp").asText(),
              row.get("from_state").asText(),
              row.get("to_state").asText(),
              quote(row.get("site").asText()),
              quote(row.get("app").asText()),
              quote(row.get("tags").toString()),
              state.equals("missing") ? "" : quote(row.get("data").toString()),
              state));
    }
  }

  private static String tags(JsonNode tags) {
    List<String> pairs = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tag = it.next();
      pairs.add(tag.getKey() + ":" + tag.getValue().asText());
    }
    return pairs.isEmpty() ? "-" : String.join(",", pairs);
  }

  private static String data(JsonNode row) {
    String state = row.path("data_state").asText("whole");
    if (state.equals("missing")) {
      return "(not available: Balsam unreachable)";
    }
    String text = row.get("data").toString().replaceAll("\\\\n", " ");
    if (text.length() > DATA_WIDTH) {
      text = text.substring(0, DATA_WIDTH - 1) + "…";
    }
    return state.equals("cut") ? text + " (cut)" : text;
  }

  private static String quote(String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}

package io.balsamexporter.analytics;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a page of events as JSON ({@code {"count","results","next"}}, Balsam's page with a cursor
 * for its offset), JSON Lines (one event an line) or CSV (one row an event, {@code data} and {@code
 * tags} as JSON text). Times are ISO-8601 UTC as the reports write them.
 */
public final class EventFormats {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The CSV header. */
  public static final String CSV_HEADER =
      "id,job_id,timestamp,from_state,to_state,site,app,tags,data,data_state";

  private EventFormats() {}

  public static void write(EventFormat format, EventQuery query, EventPage page, OutputStream out)
      throws IOException {
    switch (format) {
      case JSON -> json(query, page, out);
      case JSONL -> jsonl(page, out);
      case CSV -> csv(page, out);
    }
  }

  static void json(EventQuery query, EventPage page, OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("count", page.count());
      json.writeArrayFieldStart("results");
      for (EventRow row : page.rows()) {
        row(json, row);
      }
      json.writeEndArray();
      if (page.next().isPresent()) {
        json.writeStringField("next", page.next().get().encode());
      } else {
        json.writeNullField("next");
      }
      json.writeNumberField("counted", page.counted());
      if (!query.data().isEmpty()) {
        json.writeNumberField("data_unknown", page.dataUnknown());
      }
      json.writeEndObject();
    }
  }

  static void jsonl(EventPage page, OutputStream out) throws IOException {
    for (EventRow row : page.rows()) {
      out.write(line(row).getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
  }

  /** One event as a JSON object on one line. */
  public static String line(EventRow row) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.getFactory().createGenerator(bytes)) {
      row(json, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  static void csv(EventPage page, OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(CSV_HEADER).append('\n');
    for (EventRow row : page.rows()) {
      text.append(row.id())
          .append(',')
          .append(row.jobId())
          .append(',')
          .append(ReportFormats.isoTime(row.micros()))
          .append(',')
          .append(row.fromState())
          .append(',')
          .append(row.toState())
          .append(',')
          .append(quote(row.site()))
          .append(',')
          .append(quote(row.app()))
          .append(',')
          .append(quote(JSON.writeValueAsString(new TreeMap<>(row.tags()))))
          .append(',')
          .append(
              row.dataState() == EventRow.Data.MISSING
                  ? ""
                  : quote(JSON.writeValueAsString(row.data())))
          .append(',')
          .append(dataState(row))
          .append('\n');
    }
    out.write(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void row(JsonGenerator json, EventRow row) throws IOException {
    json.writeStartObject();
    json.writeNumberField("id", row.id());
    json.writeNumberField("job_id", row.jobId());
    json.writeStringField("timestamp", ReportFormats.isoTime(row.micros()));
    json.writeStringField("from_state", row.fromState());
    json.writeStringField("to_state", row.toState());
    json.writeFieldName("data");
    if (row.dataState() == EventRow.Data.MISSING) {
      json.writeNull();
    } else {
      json.writeObject(row.data());
    }
    if (row.dataState() != EventRow.Data.WHOLE) {
      json.writeStringField("data_state", dataState(row));
    }
    json.writeStringField("site", row.site());
    json.writeStringField("app", row.app());
    json.writeObjectFieldStart("tags");
    for (Map.Entry<String, String> tag : new TreeMap<>(row.tags()).entrySet()) {
      json.writeStringField(tag.getKey(), tag.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static String dataState(EventRow row) {
    return switch (row.dataState()) {
      case WHOLE -> "whole";
      case CUT -> "cut";
      case MISSING -> "missing";
    };
  }

  private static String quote(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }
}

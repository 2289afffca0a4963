package io.balsamexporter.analytics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Writes a report as CSV ({@code time,value}, the form of the recorded balsam.analytics outputs) or
 * as JSON ({@code {"report":…,"filters":{…},"points":[{"time":…,"value":…}]}}), streaming, so a
 * million points cost no million objects.
 */
public final class ReportFormats {
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private ReportFormats() {}

  /** ISO-8601 UTC with six fraction digits and a Z: {@code 2026-11-26T09:13:10.960345Z}. */
  public static String isoTime(long micros) {
    LocalDateTime time =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000),
            (int) Math.floorMod(micros, 1_000_000) * 1000,
            ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(27);
    out.append(time.toLocalDate()).append('T');
    two(out, time.getHour()).append(':');
    two(out, time.getMinute()).append(':');
    two(out, time.getSecond()).append('.');
    String fraction = Integer.toString(time.getNano() / 1000);
    out.append("000000", 0, 6 - fraction.length()).append(fraction).append('Z');
    return out.toString();
  }

  /** Counts as integers, as Python printed them; other values as the shortest exact decimal. */
  public static String value(ReportKind kind, double value) {
    if (kind != ReportKind.UTILIZATION && value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  public static void csv(ReportKind kind, Series series, OutputStream out) throws IOException {
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    writer.write("time,value\n");
    for (int i = 0; i < series.size(); i++) {
      writer.write(isoTime(series.micros()[i]));
      writer.write(',');
      writer.write(value(kind, series.values()[i]));
      writer.write('\n');
    }
    writer.flush();
  }

  public static void json(ReportRequest request, Series series, OutputStream out)
      throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("report", request.kind().path());
      json.writeObjectFieldStart("filters");
      for (Map.Entry<String, Object> filter : request.describe().entrySet()) {
        json.writeFieldName(filter.getKey());
        writeValue(json, filter.getValue());
      }
      json.writeEndObject();
      json.writeArrayFieldStart("points");
      boolean counts = request.kind() != ReportKind.UTILIZATION;
      for (int i = 0; i < series.size(); i++) {
        json.writeStartObject();
        json.writeStringField("time", isoTime(series.micros()[i]));
        double value = series.values()[i];
        if (counts && value == Math.rint(value) && Math.abs(value) < 1e15) {
          json.writeNumberField("value", (long) value);
        } else {
          json.writeNumberField("value", value);
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static void writeValue(JsonGenerator json, Object value) throws IOException {
    if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        writeValue(json, item);
      }
      json.writeEndArray();
    } else if (value instanceof Long n) {
      json.writeNumber(n);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else {
      json.writeString(String.valueOf(value));
    }
  }

  private static StringBuilder two(StringBuilder out, int n) {
    return out.append(n < 10 ? "0" : "").append(n);
  }
}

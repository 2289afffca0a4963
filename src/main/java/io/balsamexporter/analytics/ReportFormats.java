package io.balsamexporter.analytics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Writes a report as CSV ({@code time,value}, the form of the recorded balsam.analytics outputs) or
 * as JSON ({@code {"report":…,"filters":{…},"points":[{"time":…,"value":…}]}}), streaming: the text
 * goes to the stream in pieces of {@link #STREAM_BUFFER} bytes as it is written, and a point costs
 * no object, so a million points cost no million strings.
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

  /** Bytes buffered before they go to the stream: a response leaves in pieces of this size. */
  static final int STREAM_BUFFER = 64 * 1024;

  public static void csv(ReportKind kind, Series series, OutputStream out) throws IOException {
    PointWriter writer = new PointWriter(out, STREAM_BUFFER);
    writer.ascii("time,value\n");
    boolean counts = kind != ReportKind.UTILIZATION;
    long[] micros = series.micros();
    double[] values = series.values();
    for (int i = 0; i < micros.length; i++) {
      writer.room().time(micros[i]).ascii(',');
      number(writer, counts, values[i]).ascii('\n');
    }
    writer.flush();
  }

  /**
   * The filters through Jackson, then the points written straight to the stream in the same form
   * Jackson would give them ({@code {"time":"…","value":…}}, a count as an integer), as that part
   * is all but the whole response.
   */
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
      json.flush();
      PointWriter writer = new PointWriter(out, STREAM_BUFFER);
      boolean counts = request.kind() != ReportKind.UTILIZATION;
      long[] micros = series.micros();
      double[] values = series.values();
      for (int i = 0; i < micros.length; i++) {
        writer.room().ascii(i == 0 ? "{\"time\":\"" : ",{\"time\":\"");
        writer.time(micros[i]).ascii("\",\"value\":");
        double value = values[i];
        if (Double.isFinite(value)) {
          number(writer, counts, value);
        } else {
          // Jackson's default for what JSON has no number for: the name, quoted.
          writer.ascii('"').ascii(Double.toString(value)).ascii('"');
        }
        writer.ascii('}');
      }
      writer.flush();
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /** As {@link #value}: a count as an integer, anything else as Java's shortest decimal. */
  private static PointWriter number(PointWriter writer, boolean counts, double value)
      throws IOException {
    if (counts && value == Math.rint(value) && Math.abs(value) < 1e15) {
      return writer.integer((long) value);
    }
    return writer.ascii(Double.toString(value));
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

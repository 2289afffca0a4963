package io.balsamexporter.sim.request;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.Page;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compact UTF-8 JSON in the server's field order, through the project's one Jackson setup. */
public final class SimJson {
  private SimJson() {}

  public static byte[] write(Object value) {
    try {
      return mapper().writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code {"count":N,"results":[…]}}, written field by field so the key order is fixed. */
  static byte[] page(Page<?> page) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator gen = mapper().getFactory().createGenerator(out)) {
      gen.writeStartObject();
      gen.writeNumberField("count", page.count());
      gen.writeArrayFieldStart("results");
      for (Object item : page.results()) {
        mapper().writeValue(gen, item);
      }
      gen.writeEndArray();
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static byte[] detail(String detail) {
    return write(Map.of("detail", detail));
  }

  static byte[] validation(List<ValidationError> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("detail", errors);
    return write(body);
  }

  private static ObjectMapper mapper() {
    return BalsamJson.mapper();
  }
}

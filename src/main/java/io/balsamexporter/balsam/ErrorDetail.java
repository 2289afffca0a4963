package io.balsamexporter.balsam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The short reason Balsam gives for refusing a request: {@code {"detail": "…"}}, FastAPI's
 * validation list {@code {"detail": [{"loc": […], "msg": …}]}}, or {@code {"error": "Not found"}}
 * (balsam-api.md §7).
 */
final class ErrorDetail {
  /** Error bodies are short; a proxy's HTML page is cut here rather than read whole. */
  static final int MAX_BODY_BYTES = 8 * 1024;

  static final int MAX_DETAIL_CHARS = 300;
  private static final int MAX_VALIDATION_ITEMS = 3;

  private ErrorDetail() {}

  /** The reason in {@code body}, or empty when there is none worth showing. */
  static String read(InputStream body) {
    try {
      return of(new String(body.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return "";
    }
  }

  static String of(String body) {
    String text = body.strip();
    if (text.isEmpty()) {
      return "";
    }
    try {
      JsonNode root = BalsamJson.mapper().readTree(text);
      if (root != null && root.isObject()) {
        String fromJson = fromObject(root);
        if (!fromJson.isEmpty()) {
          return shorten(fromJson);
        }
      }
    } catch (JsonProcessingException e) {
      // Not JSON, e.g. "Internal Server Error" as text/plain: the first line is the reason.
    }
    return shorten(text.lines().findFirst().orElse(""));
  }

  private static String fromObject(JsonNode root) {
    JsonNode detail = root.get("detail");
    if (detail != null && detail.isTextual()) {
      return detail.asText();
    }
    if (detail != null && detail.isArray()) {
      return validationErrors(detail);
    }
    JsonNode error = root.get("error");
    if (error != null && error.isTextual()) {
      return error.asText();
    }
    return "";
  }

  private static String validationErrors(JsonNode items) {
    List<String> parts = new ArrayList<>();
    for (JsonNode item : items) {
      if (parts.size() == MAX_VALIDATION_ITEMS) {
        parts.add("…");
        break;
      }
      List<String> location = new ArrayList<>();
      item.path("loc").forEach(l -> location.add(l.asText()));
      String message = item.path("msg").asText("invalid");
      parts.add(location.isEmpty() ? message : String.join(".", location) + ": " + message);
    }
    return String.join("; ", parts);
  }

  private static String shorten(String text) {
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= MAX_DETAIL_CHARS
        ? oneLine
        : oneLine.substring(0, MAX_DETAIL_CHARS) + "…";
  }
}

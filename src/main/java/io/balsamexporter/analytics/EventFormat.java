package io.balsamexporter.analytics;

import java.util.Locale;
import java.util.Optional;

/** The forms {@code /api/v1/events} answers in. */
public enum EventFormat {
  JSON("application/json"),
  CSV("text/csv; charset=utf-8"),
  JSONL("application/jsonl; charset=utf-8");

  private final String contentType;

  EventFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public static EventFormat parse(Optional<String> value) throws ReportException {
    if (value.isEmpty()) {
      return JSON;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "json" -> JSON;
      case "csv" -> CSV;
      case "jsonl" -> JSONL;
      default ->
          throw new ReportException(
              "format must be json, csv or jsonl, got \"" + value.get() + "\"");
    };
  }
}

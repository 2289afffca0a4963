package io.balsamexporter.analytics;

import java.util.Optional;

/** The forms a report is given in. */
public enum ReportFormat {
  JSON("application/json"),
  CSV("text/csv; charset=utf-8"),
  PNG("image/png");

  private final String contentType;

  ReportFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  static ReportFormat parse(Optional<String> value, ReportFormat fallback) throws ReportException {
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get()) {
      case "json" -> JSON;
      case "csv" -> CSV;
      case "png" -> PNG;
      default ->
          throw new ReportException("format must be json, csv or png, got \"" + value.get() + "\"");
    };
  }
}

package io.balsamexporter.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.analytics.Overview;
import io.balsamexporter.analytics.ReportException;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.Map;

/**
 * {@code GET /api/v1/overview?range=hour|day|week|campaign&width=N}: what the console shows, as
 * JSON. {@code width} (the picture's pixels, 100 to 4000) bounds the points of its lines.
 */
final class OverviewRoute {
  static final String PATH = "/api/v1/overview";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Overview overview;

  OverviewRoute(Overview overview) {
    this.overview = overview;
  }

  void handle(Context ctx) throws IOException {
    String range = ctx.queryParamMap().containsKey("range") ? ctx.queryParam("range") : "hour";
    int width;
    try {
      String given = ctx.queryParam("width");
      width = given == null ? 900 : Integer.parseInt(given.trim());
      if (width < 100 || width > 4000) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      error(ctx, "width must be a whole number of pixels from 100 to 4000");
      return;
    }
    Map<String, Object> body;
    try {
      body = overview.build(range, width);
    } catch (ReportException e) {
      error(ctx, e.getMessage());
      return;
    }
    ctx.header("Cache-Control", "no-store");
    ctx.contentType("application/json").result(JSON.writeValueAsBytes(body));
  }

  private static void error(Context ctx, String message) {
    ctx.status(HttpStatus.BAD_REQUEST)
        .contentType("text/plain; charset=utf-8")
        .result(message + "\n");
  }
}

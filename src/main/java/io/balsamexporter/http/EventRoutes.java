package io.balsamexporter.http;

import io.balsamexporter.analytics.EventFormats;
import io.balsamexporter.analytics.EventLog;
import io.balsamexporter.analytics.EventPage;
import io.balsamexporter.analytics.EventParams;
import io.balsamexporter.analytics.ReportException;
import io.balsamexporter.analytics.ReportSource;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /api/v1/events}: Balsam's EventLog query answered from the exporter's journal, as
 * JSON, JSON Lines or CSV. The total and the next page's cursor are also in the headers {@code
 * X-Total-Count} and {@code X-Next-Cursor}, where the CSV and JSON Lines bodies have no room for
 * them. A bad parameter is a 400 whose body says what is wrong.
 */
final class EventRoutes {
  static final String PATH = "/api/v1/events";

  private final EventLog log;

  EventRoutes(EventLog log) {
    this.log = log;
  }

  void handle(Context ctx) throws IOException {
    EventParams.Parsed parsed;
    EventPage page;
    try {
      parsed = EventParams.parse(ctx.queryParamMap());
      page = log.query(parsed.query());
    } catch (ReportException e) {
      error(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
      return;
    } catch (ReportSource.NotReadyException e) {
      error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
    EventFormats.write(parsed.format(), parsed.query(), page, body);
    ctx.header("X-Total-Count", Long.toString(page.count()));
    page.next().ifPresent(next -> ctx.header("X-Next-Cursor", next.encode()));
    ctx.header("X-Counted", Long.toString(page.counted()));
    ctx.contentType(parsed.format().contentType()).result(body.toByteArray());
  }

  private static void error(Context ctx, HttpStatus status, String message) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
  }
}

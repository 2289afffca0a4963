package io.balsamexporter.http;

import io.balsamexporter.analytics.EventFormats;
import io.balsamexporter.analytics.EventLog;
import io.balsamexporter.analytics.EventPage;
import io.balsamexporter.analytics.EventParams;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

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
    Optional<EventParams.Parsed> asked =
        ApiAnswer.of(ctx, () -> EventParams.parse(ctx.queryParamMap()));
    if (asked.isEmpty()) {
      return;
    }
    EventParams.Parsed parsed = asked.get();
    Optional<EventPage> answered = ApiAnswer.of(ctx, () -> log.query(parsed.query()));
    if (answered.isEmpty()) {
      return;
    }
    EventPage page = answered.get();
    ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
    EventFormats.write(parsed.format(), parsed.query(), page, body);
    ctx.header("X-Total-Count", Long.toString(page.count()));
    page.next().ifPresent(next -> ctx.header("X-Next-Cursor", next.encode()));
    ctx.header("X-Counted", Long.toString(page.counted()));
    ctx.contentType(parsed.format().contentType()).result(body.toByteArray());
  }
}

package io.balsamexporter.http;

import io.balsamexporter.analytics.FailureQuery;
import io.balsamexporter.analytics.FailureReport;
import io.balsamexporter.analytics.FailureSource;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /api/v1/failures}: the RUN_ERROR and FAILED events counted, grouped by app, exit code
 * or cause and error signature, under the reports' filters. A bad parameter is a 400 that says what
 * is wrong.
 */
final class FailureRoutes {
  static final String PATH = "/api/v1/failures";

  private final FailureSource source;

  FailureRoutes(FailureSource source) {
    this.source = source;
  }

  void handle(Context ctx) throws IOException {
    Optional<FailureReport> answered =
        ApiAnswer.of(ctx, () -> source.failures(FailureQuery.parse(ctx.queryParamMap())));
    if (answered.isEmpty()) {
      return;
    }
    FailureReport report = answered.get();
    ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
    report.json(body);
    ctx.contentType("application/json").result(body.toByteArray());
  }
}

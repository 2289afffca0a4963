package io.balsamexporter.http;

import io.balsamexporter.analytics.FailureQuery;
import io.balsamexporter.analytics.FailureReport;
import io.balsamexporter.analytics.FailureSource;
import io.balsamexporter.analytics.ReportException;
import io.balsamexporter.analytics.ReportSource;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

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
    FailureReport report;
    try {
      report = source.failures(FailureQuery.parse(ctx.queryParamMap()));
    } catch (ReportException e) {
      error(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
      return;
    } catch (ReportSource.NotReadyException e) {
      error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
    report.json(body);
    ctx.contentType("application/json").result(body.toByteArray());
  }

  private static void error(Context ctx, HttpStatus status, String message) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
  }
}

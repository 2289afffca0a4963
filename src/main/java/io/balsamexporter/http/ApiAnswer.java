package io.balsamexporter.http;

import io.balsamexporter.analytics.ReportException;
import io.balsamexporter.analytics.ReportSource;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * How every {@code /api/v1/} route answers what it cannot serve, in one place: a bad parameter is a
 * 400 and a journal still being filled by the first sync is a 503, each with a plain-text body that
 * says why.
 */
final class ApiAnswer {
  private ApiAnswer() {}

  /** A step of a route that may refuse the request. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws ReportException, ReportSource.NotReadyException;
  }

  /** What {@code step} gives, or empty once the refusal has been written to {@code ctx}. */
  static <T> Optional<T> of(Context ctx, Step<T> step) {
    try {
      return Optional.of(step.run());
    } catch (ReportException e) {
      error(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
    } catch (ReportSource.NotReadyException e) {
      error(ctx, HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }
    return Optional.empty();
  }

  static void error(Context ctx, HttpStatus status, String message) {
    ctx.status(status).contentType("text/plain; charset=utf-8").result(message + "\n");
  }
}

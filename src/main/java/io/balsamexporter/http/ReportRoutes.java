package io.balsamexporter.http;

import io.balsamexporter.analytics.Report;
import io.balsamexporter.analytics.ReportChart;
import io.balsamexporter.analytics.ReportFormat;
import io.balsamexporter.analytics.ReportFormats;
import io.balsamexporter.analytics.ReportKind;
import io.balsamexporter.analytics.ReportParams;
import io.balsamexporter.analytics.ReportSource;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/**
 * {@code GET /api/v1/reports/throughput|utilization|available-nodes}: a report from the journal as
 * JSON, CSV or PNG. A bad parameter is a 400 whose body says what is wrong.
 */
final class ReportRoutes {
  static final String PREFIX = "/api/v1/reports/";

  private final ReportSource source;

  ReportRoutes(ReportSource source) {
    this.source = source;
  }

  void handle(Context ctx) throws IOException {
    String name = ctx.pathParam("report");
    ReportKind kind = ReportKind.byPath(name).orElse(null);
    if (kind == null) {
      ApiAnswer.error(
          ctx,
          HttpStatus.NOT_FOUND,
          "no report named \"" + name + "\"; reports: " + ReportKind.choices());
      return;
    }
    Optional<ReportParams.Parsed> asked =
        ApiAnswer.of(ctx, () -> ReportParams.parse(kind, ctx.queryParamMap(), ReportFormat.JSON));
    if (asked.isEmpty()) {
      return;
    }
    ReportParams.Parsed parsed = asked.get();
    Optional<Report> answered = ApiAnswer.of(ctx, () -> source.run(parsed.request()));
    if (answered.isEmpty()) {
      return;
    }
    Report report = answered.get();
    ctx.contentType(parsed.format().contentType());
    // The points are computed under the journal's lock, then written outside it straight to the
    // response, which leaves in pieces as the text is made: a slow client holds no lock a poll
    // needs, and the body is never held whole.
    OutputStream body = ctx.outputStream();
    switch (parsed.format()) {
      case JSON -> ReportFormats.json(report.request(), report.series(), body);
      case CSV -> ReportFormats.csv(kind, report.series(), body);
      case PNG -> ReportChart.png(report, body);
    }
  }
}

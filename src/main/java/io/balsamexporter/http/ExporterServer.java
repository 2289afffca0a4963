package io.balsamexporter.http;

import io.balsamexporter.analytics.EventLog;
import io.balsamexporter.analytics.FailureSource;
import io.balsamexporter.analytics.Overview;
import io.balsamexporter.analytics.ReportSource;
import io.balsamexporter.webconfig.WebGate;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The exporter's HTTP face. {@code /metrics} renders what the last poll learnt and never calls
 * Balsam, so a scrape stays fast when Balsam is slow; Javalin gzips it when the scraper asks.
 */
public final class ExporterServer implements AutoCloseable {
  private final Javalin app;
  private final ScheduledExecutorService watcher;

  private ExporterServer(Javalin app, ScheduledExecutorService watcher) {
    this.app = app;
    this.watcher = watcher;
  }

  /**
   * @param host the address to bind; empty binds every interface
   * @param metrics the snapshots to render, taken at each scrape
   * @param ready true once the first sync has read the whole history
   */
  public static ExporterServer start(
      String host, int port, Supplier<MetricSnapshots> metrics, BooleanSupplier ready) {
    return start(
        host,
        port,
        metrics,
        () -> ready.getAsBoolean() ? Optional.empty() : Optional.of(FIRST_SYNC_RUNNING),
        null);
  }

  /** Why {@code /-/ready} answers 503 while the first sync has not failed. */
  public static final String FIRST_SYNC_RUNNING = "the first sync of the event history is running";

  /**
   * @param notReady why the exporter is not ready yet (shown after "Not ready: "); empty once the
   *     first sync has read the whole history
   * @param reports where {@code /api/v1/reports/} and the {@code /reports} page get their reports;
   *     null serves neither
   */
  public static ExporterServer start(
      String host,
      int port,
      Supplier<MetricSnapshots> metrics,
      Supplier<Optional<String>> notReady,
      ReportSource reports) {
    return start(host, port, metrics, notReady, reports, WebGate.open());
  }

  /**
   * @param gate the web config every request passes: TLS, basic auth and response headers; the same
   *     rules hold for every path, {@code /-/healthy} included
   */
  public static ExporterServer start(
      String host,
      int port,
      Supplier<MetricSnapshots> metrics,
      Supplier<Optional<String>> notReady,
      ReportSource reports,
      WebGate gate) {
    return start(host, port, metrics, notReady, reports, null, gate);
  }

  /**
   * @param events where {@code /api/v1/events} gets its pages; null serves none
   */
  public static ExporterServer start(
      String host,
      int port,
      Supplier<MetricSnapshots> metrics,
      Supplier<Optional<String>> notReady,
      ReportSource reports,
      EventLog events,
      WebGate gate) {
    return start(host, port, metrics, notReady, reports, events, null, gate);
  }

  /**
   * @param failures where {@code /api/v1/failures} and the {@code /failures} page get their groups;
   *     null serves neither
   */
  public static ExporterServer start(
      String host,
      int port,
      Supplier<MetricSnapshots> metrics,
      Supplier<Optional<String>> notReady,
      ReportSource reports,
      EventLog events,
      FailureSource failures,
      WebGate gate) {
    return start(host, port, metrics, notReady, reports, events, failures, gate, null);
  }

  /**
   * @param overview what the console at {@code /} and {@code /api/v1/overview} show; null serves
   *     the list of links at {@code /} instead
   */
  public static ExporterServer start(
      String host,
      int port,
      Supplier<MetricSnapshots> metrics,
      Supplier<Optional<String>> notReady,
      ReportSource reports,
      EventLog events,
      FailureSource failures,
      WebGate gate,
      Overview overview) {
    String bindHost = host.isEmpty() ? "0.0.0.0" : host;
    ExpositionFormats formats = ExpositionFormats.init();
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              gate.current()
                  .tls()
                  .ifPresent(tls -> HttpsConnector.install(config, bindHost, port, tls, gate));
              config.routes.before(ctx -> admit(ctx, gate));
              if (overview == null) {
                config.routes.get("/", ctx -> ctx.html(LandingPage.HTML));
              } else {
                config.routes.get("/", ctx -> ctx.html(ConsolePage.HTML));
                config.routes.get(OverviewRoute.PATH, new OverviewRoute(overview)::handle);
              }
              config.routes.get("/metrics", ctx -> metrics(ctx, formats, metrics.get()));
              config.routes.get("/-/healthy", ctx -> ctx.result("Healthy.\n"));
              String runbook = RunbookPage.html();
              config.routes.get(RunbookPage.PATH, ctx -> ctx.html(runbook));
              config.routes.get(
                  "/-/ready",
                  ctx -> {
                    Optional<String> why = notReady.get();
                    if (why.isEmpty()) {
                      ctx.result("Ready.\n");
                    } else {
                      ctx.status(HttpStatus.SERVICE_UNAVAILABLE)
                          .result("Not ready: " + why.get() + ".\n");
                    }
                  });
              if (reports != null) {
                ReportRoutes routes = new ReportRoutes(reports);
                config.routes.get(ReportRoutes.PREFIX + "{report}", routes::handle);
                config.routes.get("/reports", ctx -> ctx.html(ReportsPage.HTML));
              }
              if (events != null) {
                config.routes.get(EventRoutes.PATH, new EventRoutes(events)::handle);
              }
              if (failures != null) {
                config.routes.get(FailureRoutes.PATH, new FailureRoutes(failures)::handle);
                config.routes.get("/failures", ctx -> ctx.html(FailuresPage.HTML));
              }
            });
    app.start(bindHost, port);
    ScheduledExecutorService watcher =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "web-config-watcher");
              thread.setDaemon(true);
              return thread;
            });
    watcher.scheduleWithFixedDelay(gate::reloadIfChanged, 1, 1, TimeUnit.SECONDS);
    return new ExporterServer(app, watcher);
  }

  private static void admit(Context ctx, WebGate gate) {
    gate.current().headers().forEach(ctx::header);
    Optional<String> challenge = gate.refusal(ctx.header("Authorization"));
    if (challenge.isPresent()) {
      ctx.header("WWW-Authenticate", challenge.get());
      ctx.skipRemainingHandlers();
      ctx.status(HttpStatus.UNAUTHORIZED).result("Unauthorized.\n");
    }
  }

  private static void metrics(Context ctx, ExpositionFormats formats, MetricSnapshots snapshots)
      throws IOException {
    ExpositionFormatWriter writer = formats.findWriter(ctx.header("Accept"));
    ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
    writer.write(body, snapshots);
    ctx.contentType(writer.getContentType()).result(body.toByteArray());
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    watcher.shutdownNow();
    app.stop();
  }
}

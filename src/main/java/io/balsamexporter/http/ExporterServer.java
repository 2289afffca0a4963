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

  /** Why {@code /-/ready} answers 503 while the first sync has not failed. */
  public static final String FIRST_SYNC_RUNNING = "the first sync of the event history is running";

  /**
   * A server on {@code host:port} that serves {@code /metrics}, {@code /-/healthy}, {@code
   * /-/ready} and the runbook; each route family is added by naming its source.
   *
   * @param host the address to bind; empty binds every interface
   * @param port the port to bind; 0 picks a free one
   */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /**
   * The sources of the routes, each optional: a family whose source is not named is not served, and
   * {@code /metrics} is empty without one. One way to start, so that adding a route family adds one
   * step here rather than one more overload of {@code start}.
   */
  public static final class Builder {
    private final String host;
    private final int port;
    private Supplier<MetricSnapshots> metrics = MetricSnapshots::new;
    private Supplier<Optional<String>> notReady = Optional::empty;
    private ReportSource reports;
    private EventLog events;
    private FailureSource failures;
    private Overview overview;
    private WebGate gate = WebGate.open();

    private Builder(String host, int port) {
      this.host = host;
      this.port = port;
    }

    /** The snapshots {@code /metrics} renders, taken at each scrape. */
    public Builder metrics(Supplier<MetricSnapshots> metrics) {
      this.metrics = metrics;
      return this;
    }

    /**
     * Why the exporter is not ready yet (shown after "Not ready: "); empty once the first sync has
     * read the whole history. Unnamed, {@code /-/ready} always answers ready.
     */
    public Builder notReady(Supplier<Optional<String>> notReady) {
      this.notReady = notReady;
      return this;
    }

    /** Where {@code /api/v1/reports/} and the {@code /reports} page get their reports. */
    public Builder reports(ReportSource reports) {
      this.reports = reports;
      return this;
    }

    /** Where {@code /api/v1/events} gets its pages. */
    public Builder events(EventLog events) {
      this.events = events;
      return this;
    }

    /** Where {@code /api/v1/failures} and the {@code /failures} page get their groups. */
    public Builder failures(FailureSource failures) {
      this.failures = failures;
      return this;
    }

    /**
     * What the console at {@code /} and {@code /api/v1/overview} show; unnamed, {@code /} serves a
     * list of links instead.
     */
    public Builder overview(Overview overview) {
      this.overview = overview;
      return this;
    }

    /**
     * The web config every request passes: TLS, basic auth and response headers; the same rules
     * hold for every path, {@code /-/healthy} included. Unnamed, plain HTTP and no auth.
     */
    public Builder gate(WebGate gate) {
      this.gate = gate;
      return this;
    }

    /** Binds and starts serving; throws if the address cannot be bound. */
    public ExporterServer start() {
      return ExporterServer.start(this);
    }
  }

  private static ExporterServer start(Builder sources) {
    // Copied out, so that a later change to the builder does not reach a running server.
    String host = sources.host;
    int port = sources.port;
    Supplier<MetricSnapshots> metrics = sources.metrics;
    Supplier<Optional<String>> notReady = sources.notReady;
    ReportSource reports = sources.reports;
    EventLog events = sources.events;
    FailureSource failures = sources.failures;
    Overview overview = sources.overview;
    WebGate gate = sources.gate;
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

package io.balsamexporter;

import io.balsamexporter.analytics.EventJournal;
import io.balsamexporter.analytics.EventLog;
import io.balsamexporter.analytics.EventLogService;
import io.balsamexporter.analytics.FailureLog;
import io.balsamexporter.analytics.FailureSource;
import io.balsamexporter.analytics.Overview;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamClients;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BalsamTarget;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.config.IngestConfig;
import io.balsamexporter.config.MetricsConfig;
import io.balsamexporter.http.ExporterServer;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.PollLoop;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.log.LogLine;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.DemoBalsam;
import io.balsamexporter.storage.StateFile;
import io.balsamexporter.webconfig.WebConfigException;
import io.balsamexporter.webconfig.WebGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running exporter: the client, the poll loop, the metrics and the HTTP server, built from one
 * validated config. {@link Main} starts one for the process; tests start as many as they like.
 */
public final class Exporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);
  private final Optional<DemoBalsam> demo;
  private final URI balsamUrl;
  private final ExporterMetrics metrics;
  private final EventJournal journal;
  private final Poller poller;
  private final Optional<StateFile> state;
  private final PollLoop loop;
  private final ExporterServer server;
  private final CountDownLatch ready = new CountDownLatch(1);
  private final CountDownLatch firstPoll = new CountDownLatch(1);
  private final Readiness readiness = new Readiness();
  // False after a poll that could not reach Balsam: the events API then asks it for nothing.
  private volatile boolean balsamReachable = true;

  private Exporter(ExporterConfig config, Optional<DemoBalsam> demo, Clock clock)
      throws BalsamException {
    this.demo = demo;
    BalsamTarget target =
        demo.map(d -> config.balsam().pointedAt(d.url(), d.credentials()))
            .orElse(config.balsam())
            .target();
    this.balsamUrl = target.url();
    MetricsConfig labels = config.metrics();
    this.metrics =
        new ExporterMetrics(
            BuildInfo.fromJar(),
            labels.jobTagLabels(),
            labels.tagValuesLimit(),
            labels.labelValueMaxLength());
    demo.ifPresent(d -> metrics.markDemo(d.url().toString()));
    BalsamApi api = BalsamClients.create(target, metrics.health(), clock);
    this.poller = new Poller(api, ingestSettings(config), clock);
    this.journal = new EventJournal(poller::synced, config.ingest().payloadsKept(), clock);
    FailureLog failures = new FailureLog(poller::synced);
    Overview overview = new Overview(journal, clock, readiness::status);
    // The state file subscribes last (in openState): it records what every sink before it took.
    poller.subscribe(metrics.domain()).subscribe(journal).subscribe(failures).subscribe(overview);
    this.state = openState(config, target, poller, metrics, clock);
    this.loop =
        new PollLoop(
            poller,
            config.ingest().pollInterval(),
            result -> {
              metrics.health().pollDone(result, clock.instant(), api.tokenExpiry());
              readiness.pollDone(result, poller.synced(), clock.instant());
              balsamReachable =
                  result
                      .failure()
                      .map(f -> f.kind() != BalsamException.Kind.UNREACHABLE)
                      .orElse(true);
              firstPoll.countDown();
              if (poller.synced()) {
                ready.countDown();
              }
            });
    EventLog events = new EventLogService(journal, api, () -> balsamReachable);
    // The first sync starts before the web server: its first requests (the login, the first
    // pages) are in flight while the server binds, instead of after it.
    loop.start();
    try {
      this.server =
          listen(
              config,
              metrics,
              readiness,
              journal,
              events,
              FailureSource.of(failures, journal),
              overview);
    } catch (RuntimeException e) {
      loop.close();
      throw e;
    }
  }

  /**
   * With {@code --storage.path}: restores what an earlier run kept (before the first poll, which
   * then checks it against the server) and records every poll from now on.
   */
  private static Optional<StateFile> openState(
      ExporterConfig config,
      BalsamTarget target,
      Poller poller,
      ExporterMetrics metrics,
      Clock clock) {
    Optional<Path> dir = config.ingest().storagePath();
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    IngestSettings settings = ingestSettings(config);
    String user =
        target.credentials() instanceof Credentials.Password password ? password.username() : "";
    StateFile.Identity identity =
        new StateFile.Identity(target.url().toString(), user, settings.since(), settings.tagKeys());
    long started = System.nanoTime();
    StateFile.Opened opened;
    try {
      opened = StateFile.open(dir.get(), identity, poller::restore, clock);
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalStateException(
          "cannot use --storage.path " + dir.get() + ": " + e.getMessage(), e);
    }
    poller.restoreDone();
    // Subscribed last: it records each update once the metrics and the journal have it.
    poller.subscribe(opened.file());
    metrics.trackStateFile(opened.file()::bytes, opened.file()::lastCompaction);
    LOG.info(
        "{}",
        LogLine.msg("state file opened")
            .with("path", dir.get().resolve(StateFile.FILE_NAME))
            .with("outcome", opened.outcome())
            .with("updates_restored", opened.updatesRestored())
            .with("bytes", opened.bytes())
            .with("took_ms", (System.nanoTime() - started) / 1_000_000));
    return Optional.of(opened.file());
  }

  private static ExporterServer listen(
      ExporterConfig config,
      ExporterMetrics metrics,
      Readiness readiness,
      EventJournal journal,
      EventLog events,
      FailureSource failures,
      Overview overview) {
    String host = config.web().listenHost();
    int port = config.web().listenPort();
    try {
      return ExporterServer.builder(host, port)
          .metrics(metrics::scrape)
          .notReady(readiness::notReady)
          .reports(journal)
          .events(events)
          .failures(failures)
          .overview(overview)
          .gate(webGate(config))
          .start();
    } catch (RuntimeException e) {
      throw ListenFailure.explain(host, port, e);
    }
  }

  /** What shapes a poll, from the ingest group and the tag keys the metrics export. */
  public static IngestSettings ingestSettings(ExporterConfig config) {
    IngestConfig ingest = config.ingest();
    return new IngestSettings(
        ingest.pageSize(),
        ingest.firstSyncPageSize(),
        ingest.lateWindow(),
        ingest.eventsSince().orElse(Instant.EPOCH),
        config.metrics().jobTagLabels(),
        ingest.checkInterval(),
        ingest.jobsCheckInterval());
  }

  private static WebGate webGate(ExporterConfig config) {
    if (config.web().webConfigFile().isEmpty()) {
      return WebGate.open();
    }
    try {
      return WebGate.load(config.web().webConfigFile().get());
    } catch (WebConfigException e) {
      // Checked at start-up already: only a file broken in between lands here.
      throw new IllegalStateException(e.getMessage());
    }
  }

  /**
   * Starts everything; polling begins at once. The port is bound before this returns.
   *
   * @throws BalsamException when the credentials cannot be used at all (e.g. an unreadable token
   *     file)
   */
  public static Exporter start(ExporterConfig config, Clock clock) throws BalsamException {
    Optional<DemoBalsam> demo = config.demo() ? Optional.of(DemoBalsam.start()) : Optional.empty();
    try {
      return new Exporter(config, demo, clock);
    } catch (BalsamException | RuntimeException e) {
      demo.ifPresent(DemoBalsam::close);
      throw e;
    }
  }

  /** Waits until the first sync has read the whole history; false if {@code timeout} passed. */
  public boolean awaitReady(Duration timeout) throws InterruptedException {
    return ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Waits until the first poll has ended, however it went; false if {@code timeout} passed. */
  public boolean awaitFirstPoll(Duration timeout) throws InterruptedException {
    return firstPoll.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int port() {
    return server.port();
  }

  public URI balsamUrl() {
    return balsamUrl;
  }

  public Optional<DemoBalsam> demo() {
    return demo;
  }

  public ExporterMetrics metrics() {
    return metrics;
  }

  @Override
  public void close() {
    loop.close();
    state.ifPresent(
        file -> {
          try {
            file.close();
          } catch (IOException e) {
            LOG.warn(
                "{}", LogLine.msg("closing the state file failed").with("error", e.toString()));
          }
        });
    server.close();
    demo.ifPresent(DemoBalsam::close);
  }
}

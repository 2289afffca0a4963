package io.balsamexporter;

import io.balsamexporter.backfill.BackfillCommand;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.config.ConfigException;
import io.balsamexporter.config.ConfigLoader;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.events.EventsCommand;
import io.balsamexporter.log.LogLine;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.report.ReportCommand;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wiring only: read the config, start the exporter, stop it on shutdown. */
public final class Main {
  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("report")) {
      // A command's output is its report and, on failure, one error line: no info logs.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
      System.exit(ReportCommand.run(rest, System.getenv(), System.out, System.err));
      return;
    }
    if (args.length > 0 && args[0].equals("events")) {
      // Its output is the events and, on failure, one error line: no info logs.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      System.exit(EventsCommand.run(rest, System.getenv(), System.out, System.err));
      return;
    }
    if (args.length > 0 && args[0].equals("backfill")) {
      // Its output is the file and one summary line; errors are one line: no info logs.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
      String[] rest = Arrays.copyOfRange(args, 1, args.length);
      System.exit(BackfillCommand.run(rest, System.getenv(), System.out, System.err));
      return;
    }
    ConfigLoader.Outcome outcome;
    try {
      outcome = new ConfigLoader(System.getenv(), Clock.systemUTC()).load(args);
    } catch (ConfigException e) {
      System.err.println("balsam-exporter: " + e.getMessage());
      System.err.println("Run with --help to see every flag.");
      System.exit(2);
      return;
    }
    if (outcome instanceof ConfigLoader.Outcome.Help help) {
      System.out.print(help.text());
      return;
    }
    if (outcome instanceof ConfigLoader.Outcome.Version) {
      BuildInfo build = BuildInfo.fromJar();
      System.out.println(
          "balsam-exporter " + build.version() + " (revision " + build.revision() + ")");
      return;
    }
    ConfigLoader.Outcome.Run run = (ConfigLoader.Outcome.Run) outcome;
    run.notices().forEach(notice -> log.info("{}", LogLine.msg(notice)));
    run(run.config());
  }

  private static void run(ExporterConfig config) throws InterruptedException {
    Exporter exporter;
    try {
      exporter = Exporter.start(config, Clock.systemUTC());
    } catch (BalsamException | RuntimeException e) {
      // An unusable login, an unreadable CA file, a port already in use: one line, no trace.
      log.error("{}", LogLine.msg("cannot start").with("error", e.getMessage()));
      System.exit(1);
      return;
    }
    String base = "http://" + displayHost(config.web().listenHost()) + ":" + exporter.port();
    log.info(
        "{}",
        LogLine.msg("listening")
            .with("metrics", base + "/metrics")
            .with("ready", base + "/-/ready")
            .with("console", base + "/")
            .with("balsam", exporter.balsamUrl()));
    exporter
        .demo()
        .ifPresent(
            demo ->
                System.out.printf(
                    "%nDemo running: a simulated Balsam campaign at %s (user %s)%n"
                        + "  console:   %s/%n  metrics:   %s/metrics%n  readiness: %s/-/ready%n%n",
                    demo.url(), demo.username(), base, base, base));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  long started = System.nanoTime();
                  log.info("{}", LogLine.msg("shutting down"));
                  // Abandons a poll in progress and closes the port; a line says it finished, so
                  // a log that ends without one tells of a process killed before it could.
                  exporter.close();
                  log.info(
                      "{}",
                      LogLine.msg("stopped")
                          .with("took", (System.nanoTime() - started) / 1_000_000 + "ms"));
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }

  private static String displayHost(String host) {
    if (host.isEmpty() || host.equals("0.0.0.0")) {
      return "localhost";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }
}

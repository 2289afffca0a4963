package io.balsamexporter.backfill;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamClients;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.config.ConfigException;
import io.balsamexporter.config.ConfigLoader;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.config.FlagSpec;
import io.balsamexporter.log.Progress;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * {@code balsam-exporter backfill}: writes Balsam's history as timestamped OpenMetrics for {@code
 * promtool tsdb create-blocks-from openmetrics}. The Balsam connection is configured exactly as the
 * exporter's; errors are one line and an exit code: 2 for a flag that cannot be used, 1 when Balsam
 * cannot be read or the file cannot be written.
 */
public final class BackfillCommand {
  private static final String NAME = "balsam-exporter backfill";

  private BackfillCommand() {}

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    BackfillOptions options;
    ExporterConfig config;
    try {
      options = BackfillOptions.parse(args);
      if (options.help()) {
        out.print(help());
        return 0;
      }
      ConfigLoader.Outcome.Run run = exporterConfig(options, env);
      run.notices().forEach(notice -> err.println(NAME + ": " + notice));
      config = run.config();
    } catch (BackfillOptions.BadFlag | ConfigException e) {
      err.println(NAME + ": " + e.getMessage());
      err.println("Run " + NAME + " --help to see every flag.");
      return 2;
    }
    Path file = options.out().orElseThrow();
    try {
      BalsamApi api =
          BalsamClients.create(config.balsam().target(), RequestObserver.NONE, Clock.systemUTC());
      Backfill backfill =
          new Backfill(
              new BalsamHistory(api, config.ingest().pageSize()),
              new Backfill.Window(options.since(), options.until(), options.step()),
              new Backfill.Labels(
                  config.metrics().jobTagLabels(),
                  config.metrics().tagValuesLimit(),
                  config.metrics().labelValueMaxLength(),
                  options.labels()),
              Progress.of(NAME, err, options.progress()));
      Backfill.Summary summary = backfill.writeTo(file);
      err.printf(
          "%s: wrote %d samples at %d steps from %d events to %s%n",
          NAME, summary.samples(), summary.steps(), summary.events(), file);
      return 0;
    } catch (BalsamException | IllegalArgumentException e) {
      err.println(NAME + ": cannot read Balsam: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println(NAME + ": cannot write " + file + ": " + e.getMessage());
      return 1;
    }
  }

  /** The Balsam settings, from the same flags, environment and config file as the exporter's. */
  private static ConfigLoader.Outcome.Run exporterConfig(
      BackfillOptions options, Map<String, String> env)
      throws ConfigException, BackfillOptions.BadFlag {
    ConfigLoader.Outcome outcome =
        new ConfigLoader(env, Clock.systemUTC()).load(options.rest().toArray(String[]::new));
    if (!(outcome instanceof ConfigLoader.Outcome.Run run)) {
      throw new BackfillOptions.BadFlag("--version is not a backfill flag");
    }
    if (run.config().demo()) {
      throw new BackfillOptions.BadFlag(
          "backfill reads a real Balsam's history: give --balsam.url (or run 'balsam login')");
    }
    return run;
  }

  static String help() {
    StringBuilder text = new StringBuilder();
    text.append(
        """
        Usage: balsam-exporter backfill --out=FILE [--since=T] [--until=T] [--step=15s] \
        [--label=N=V]... [--progress] [--balsam.* flags]

        Writes Balsam's history as OpenMetrics with timestamps, one sample per step, for
          promtool tsdb create-blocks-from openmetrics FILE DIR
        The values at each step are those the exporter would have exported then.

          --out=FILE     The OpenMetrics file to write (replaced once complete). Required.
          --since=T      The first step; default: the second of the first event. Events
                         before it still count.
          --until=T      The last step; default: the first step after the last event.
          --step=D       Time between two samples; default 15s (use the scrape interval).
          --label=N=V    Adds label N=V to every series; repeatable. Give the job and
                         instance labels Prometheus gives the exporter's scrape, e.g.
                         --label=job=balsam --label=instance=host:10064, so the
                         dashboards find the history.
          --progress     Shows how far the history read got on standard error (shown
                         anyway on a terminal).

        T is\s""");
    text.append(BackfillOptions.TIME_FORMS).append(".\n");
    text.append(
        "\nThe Balsam connection takes the exporter's flags, environment and config file:\n\n");
    for (FlagSpec spec : ConfigLoader.flags()) {
      if (spec.name().startsWith("balsam.") && !spec.flag().isEmpty()) {
        text.append(String.format("  %-24s %s%n", spec.flag(), spec.help()));
      }
    }
    text.append(
        """
          --config.file, --metrics.job-tag-labels and --metrics.tag-values-limit are read too,
          so the series carry the same labels as the exporter's.

        Not backfilled (Balsam keeps no history of them): the site families (heartbeat,
        backfill windows, scheduler queue), balsam_batch_jobs and
        balsam_batch_job_requested_nodes, and the exporter's own balsam_exporter_* families.
        """);
    return text.toString();
  }
}

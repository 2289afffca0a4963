package io.balsamexporter.report;

import io.balsamexporter.analytics.BalsamReports;
import io.balsamexporter.analytics.Report;
import io.balsamexporter.analytics.ReportChart;
import io.balsamexporter.analytics.ReportException;
import io.balsamexporter.analytics.ReportFormat;
import io.balsamexporter.analytics.ReportFormats;
import io.balsamexporter.analytics.ReportKind;
import io.balsamexporter.analytics.ReportParams;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamClients;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.config.ConfigException;
import io.balsamexporter.config.ConfigLoader;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.log.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code balsam-exporter report KIND [flags]}: one report made from Balsam directly, with the same
 * code as the exporter's API, written as CSV (default), JSON or PNG. The {@code --balsam.*} flags
 * (and their environment variables and config file) are the exporter's own.
 */
public final class ReportCommand {
  static final String USAGE =
      """
      Usage: balsam-exporter report utilization|throughput|available-nodes [flags]
        --to-state=STATE        throughput: the state counted (JOB_FINISHED); utilization: exits to it
        --from-state=STATE      only events leaving STATE
        --node-weighting=BOOL   utilization: weigh jobs by their nodes (true)
        --scheduler-id=N        events of the jobs that ran in the batch job with this scheduler id
        --batch-job-id=N        events of the jobs whose batch_job_id is N
        --job-id=N              events of this job (repeatable)
        --tag=KEY:VALUE         events of jobs with this tag (repeatable, ANDed)
        --site=NAME             events of jobs at this site
        --since=T --until=T     time range, inclusive: ISO-8601 (naive is UTC) or epoch seconds
        --live                  available nodes: add batch jobs still running, up to now
        --format=csv|json|png   output form (csv)
        --out=FILE              write there instead of standard output
        --progress              show how far the history read got on standard error (shown
                                anyway on a terminal)
        --balsam.*              how to reach Balsam, as for the exporter (see --help)
      """;

  private ReportCommand() {}

  /**
   * @return the exit code: 0 on success, 2 for a bad command line, 1 when Balsam fails
   */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      return runOrThrow(args, env, out, err);
    } catch (UsageException | ReportException | ConfigException e) {
      err.println("balsam-exporter report: " + e.getMessage());
      return 2;
    } catch (BalsamException | IOException | RuntimeException e) {
      err.println("balsam-exporter report: " + oneLine(e.getMessage()));
      return 1;
    }
  }

  private static int runOrThrow(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err)
      throws UsageException, ReportException, ConfigException, BalsamException, IOException {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(USAGE);
      return 0;
    }
    ReportKind kind =
        ReportKind.byPath(args[0])
            .orElseThrow(
                () ->
                    new UsageException(
                        "unknown report \"" + args[0] + "\"; reports: " + ReportKind.choices()));
    Map<String, List<String>> params = new LinkedHashMap<>();
    List<String> balsamArgs = new ArrayList<>();
    String outFile = null;
    boolean progress = false;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--progress")) {
        progress = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String flag = eq < 0 ? arg : arg.substring(0, eq);
      String name = flag.replaceFirst("^--", "").replace('-', '_');
      boolean ours =
          flag.startsWith("--") && (ReportParams.NAMES.contains(name) || name.equals("out"));
      if (!ours) {
        balsamArgs.add(arg);
        continue;
      }
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (name.equals("live")) {
        value = "true";
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new UsageException(flag + " needs a value: " + flag + "=VALUE");
      }
      if (name.equals("out")) {
        outFile = value;
      } else {
        params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      }
    }
    ReportParams.Parsed parsed = ReportParams.parse(kind, params, ReportFormat.CSV);
    ExporterConfig config = balsamConfig(balsamArgs, env);
    BalsamApi api =
        BalsamClients.create(config.balsam().target(), RequestObserver.NONE, Clock.systemUTC());
    Report report =
        new BalsamReports(api, config.ingest().pageSize())
            .showing(Progress.of("balsam-exporter report", err, progress))
            .run(parsed.request());
    if (outFile == null) {
      write(parsed.format(), report, out);
      out.flush();
    } else {
      try (OutputStream file = Files.newOutputStream(Path.of(outFile))) {
        write(parsed.format(), report, file);
      }
    }
    return 0;
  }

  /** Streams the report: its text goes out in pieces as it is written. */
  private static void write(ReportFormat format, Report report, OutputStream body)
      throws IOException {
    switch (format) {
      case CSV -> ReportFormats.csv(report.request().kind(), report.series(), body);
      case JSON -> {
        ReportFormats.json(report.request(), report.series(), body);
        body.write('\n');
      }
      case PNG -> ReportChart.png(report, body);
    }
  }

  /** The exporter's own config machinery reads the --balsam.* flags, variables and file. */
  private static ExporterConfig balsamConfig(List<String> args, Map<String, String> env)
      throws ConfigException, UsageException {
    ConfigLoader.Outcome outcome =
        new ConfigLoader(env, Clock.systemUTC()).load(args.toArray(String[]::new));
    if (!(outcome instanceof ConfigLoader.Outcome.Run run)) {
      throw new UsageException("--help and --version are not report flags; see report --help");
    }
    ExporterConfig config = run.config();
    if (config.demo() || config.balsam().url().isEmpty()) {
      throw new UsageException(
          "no Balsam server: give --balsam.url (and credentials), or run `balsam login` first");
    }
    return config;
  }

  private static String oneLine(String message) {
    return message == null ? "failed" : message.replaceAll("\\s*\\R\\s*", " ");
  }

  private static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}

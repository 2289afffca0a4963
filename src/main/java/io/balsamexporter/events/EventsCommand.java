package io.balsamexporter.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.analytics.EventParams;
import io.balsamexporter.analytics.EventQuery;
import io.balsamexporter.analytics.ReportException;
import io.balsamexporter.config.PromDuration;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code balsam-exporter events [filters]}: Balsam's EventLog, asked of a running exporter's {@code
 * /api/v1/events}, printed as a table, CSV, JSON Lines or JSON; with {@code --follow}, then every
 * event as the exporter counts it, until interrupted.
 */
public final class EventsCommand {
  static final String USAGE =
      """
      Usage: balsam-exporter events [filters] [--format=table|csv|jsonl|json] [--limit=N] [--follow]
        --job-id=N                events of this job (repeatable)
        --batch-job-id=N          events of the jobs whose batch_job_id is N
        --scheduler-id=N          events of the jobs that ran in the batch job with this scheduler id
        --tag=KEY:VALUE           events of jobs with this tag (repeatable, ANDed; --tags too)
        --data=KEY:VALUE          events whose data holds this string value (repeatable)
        --from-state=S --to-state=S
        --since=T --until=T       inclusive time range (--timestamp-after/--timestamp-before too):
                                  ISO-8601 (naive is UTC) or epoch seconds
        --site=NAME --app=NAME    events of jobs at this site, of this app
        --ordering=-timestamp|timestamp   newest first (default) or oldest first
        --limit=N                 events to print (100); with --follow, the newest N first
        --follow                  then print each event as the exporter counts it, until interrupted
        --follow-interval=D       how often --follow asks (2s)
        --exporter.url=URL        the exporter (http://localhost:10064)
        --exporter.ca-file=PEM    a CA to trust for an exporter served over HTTPS
        --exporter.username=NAME  basic auth user; the password from --exporter.password-file or
                                  the environment variable BALSAM_EXPORTER_EXPORTER_PASSWORD
      Each --exporter.* flag may also be given as BALSAM_EXPORTER_EXPORTER_<NAME> (e.g. _URL).
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NOT_FILTERS =
      List.of("format", "limit", "after", "counted_after");
  private static final List<String> CLIENT_FLAGS =
      List.of("url", "ca-file", "username", "password-file");
  private static final int DEFAULT_LIMIT = 100;

  /** Waits between two follow requests; interrupted when the command is to stop. */
  @FunctionalInterface
  interface Pacer {
    void pause(Duration interval) throws InterruptedException;
  }

  private EventsCommand() {}

  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    return run(args, env, out, err, interval -> Thread.sleep(interval.toMillis()));
  }

  /**
   * @return 0 on success or when interrupted while following, 2 for a bad command line, 1 when the
   *     exporter cannot be reached or refuses
   */
  static int run(
      String[] args, Map<String, String> env, PrintStream out, PrintStream err, Pacer pacer) {
    try {
      return runOrThrow(args, env, out, pacer);
    } catch (UsageException | ReportException e) {
      err.println("balsam-exporter events: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("balsam-exporter events: " + e.getMessage().replaceAll("\\s*\\R\\s*", " "));
      return 1;
    } catch (InterruptedException e) {
      return 0;
    }
  }

  private static int runOrThrow(
      String[] args, Map<String, String> env, PrintStream out, Pacer pacer)
      throws UsageException, ReportException, IOException, InterruptedException {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      out.print(USAGE);
      return 0;
    }
    Map<String, List<String>> filters = new LinkedHashMap<>();
    Map<String, String> client = new LinkedHashMap<>();
    EventPrinter.Form form = EventPrinter.Form.TABLE;
    int limit = DEFAULT_LIMIT;
    boolean follow = false;
    Duration interval = Duration.ofSeconds(2);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new UsageException("unexpected argument \"" + arg + "\"; flags are --name=value");
      }
      if (arg.equals("--follow")) {
        follow = true;
        continue;
      }
      int eq = arg.indexOf('=');
      String flag = (eq < 0 ? arg : arg.substring(0, eq)).substring(2);
      String value;
      if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new UsageException("--" + flag + " needs a value: --" + flag + "=VALUE");
      }
      String name = flag.replace('-', '_');
      if (flag.startsWith("exporter.") && CLIENT_FLAGS.contains(flag.substring(9))) {
        client.put(flag.substring(9), value);
      } else if (name.equals("format")) {
        form = form(value);
      } else if (name.equals("limit")) {
        limit = limit(value);
      } else if (name.equals("follow_interval")) {
        interval = interval(value);
      } else if (EventParams.NAMES.contains(name) && !NOT_FILTERS.contains(name)) {
        filters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else {
        throw new UsageException("unknown flag --" + flag + "; see events --help");
      }
    }
    if (follow && form == EventPrinter.Form.JSON) {
      throw new UsageException("--follow prints events as they come: use --format=jsonl, not json");
    }
    // The exporter checks the filters too; checking them here first makes a typo exit 2 unasked.
    EventParams.parse(filters);
    ExporterClient exporter = client(client, env);
    EventPrinter printer = new EventPrinter(form, out);
    List<JsonNode> rows = new ArrayList<>();
    JsonNode page = null;
    String after = null;
    while (rows.size() < limit) {
      int ask = Math.min(limit - rows.size(), EventQuery.MAX_LIMIT);
      page = get(exporter, filters, "limit=" + ask + (after == null ? "" : "&after=" + after));
      page.get("results").forEach(rows::add);
      if (page.get("next").isNull()) {
        break;
      }
      after = page.get("next").asText();
    }
    if (page == null) {
      page = get(exporter, filters, "limit=0");
    }
    if (form == EventPrinter.Form.JSON) {
      printer.printWhole(page.get("count").asLong(), rows, page.get("next"));
      return 0;
    }
    boolean newestFirst =
        !filters.getOrDefault("ordering", List.of("-timestamp")).get(0).equals("timestamp");
    if (follow && newestFirst) {
      // What follows is printed below, as it comes: the history above it reads oldest first.
      Collections.reverse(rows);
    }
    printer.print(rows);
    if (!follow) {
      return 0;
    }
    Map<String, List<String>> following = new LinkedHashMap<>(filters);
    following.remove("ordering");
    long counted = page.get("counted").asLong();
    while (true) {
      pacer.pause(interval);
      JsonNode next =
          get(exporter, following, "limit=" + EventQuery.MAX_LIMIT + "&counted_after=" + counted);
      List<JsonNode> fresh = new ArrayList<>();
      next.get("results").forEach(fresh::add);
      if (!fresh.isEmpty()) {
        printer.print(fresh);
      }
      counted = next.get("counted").asLong();
    }
  }

  private static JsonNode get(
      ExporterClient exporter, Map<String, List<String>> filters, String more)
      throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder("/api/v1/events?");
    for (Map.Entry<String, List<String>> filter : filters.entrySet()) {
      for (String value : filter.getValue()) {
        query
            .append(filter.getKey())
            .append('=')
            .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
            .append('&');
      }
    }
    return JSON.readTree(exporter.get(query.append(more).toString()));
  }

  private static ExporterClient client(Map<String, String> flags, Map<String, String> env)
      throws UsageException, IOException {
    String url = setting(flags, env, "url").orElse("http://localhost:10064");
    URI base;
    try {
      base = URI.create(url);
    } catch (IllegalArgumentException e) {
      base = null;
    }
    if (base == null
        || base.getHost() == null
        || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
      throw new UsageException("--exporter.url must be http(s)://host[:port], got \"" + url + "\"");
    }
    Optional<String> user = setting(flags, env, "username");
    Optional<String> password = Optional.ofNullable(env.get("BALSAM_EXPORTER_EXPORTER_PASSWORD"));
    Optional<String> passwordFile = setting(flags, env, "password-file");
    if (passwordFile.isPresent()) {
      try {
        password = Optional.of(Files.readString(Path.of(passwordFile.get())).strip());
      } catch (IOException e) {
        throw new UsageException("cannot read --exporter.password-file " + passwordFile.get());
      }
    }
    if (user.isEmpty() && password.isPresent()) {
      throw new UsageException("a password is given but no --exporter.username");
    }
    Optional<Path> caFile = setting(flags, env, "ca-file").map(Path::of);
    return new ExporterClient(base, caFile, user, password);
  }

  private static Optional<String> setting(
      Map<String, String> flags, Map<String, String> env, String name) {
    String variable = "BALSAM_EXPORTER_EXPORTER_" + name.replace('-', '_').toUpperCase(Locale.ROOT);
    return Optional.ofNullable(flags.getOrDefault(name, env.get(variable)));
  }

  private static EventPrinter.Form form(String value) throws UsageException {
    try {
      return EventPrinter.Form.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--format must be table, csv, jsonl or json, got \"" + value + "\"");
    }
  }

  private static int limit(String value) throws UsageException {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new UsageException("--limit must be a whole number of events, got \"" + value + "\"");
  }

  private static Duration interval(String value) throws UsageException {
    try {
      Duration d = PromDuration.parse(value);
      if (d.compareTo(Duration.ofMillis(100)) >= 0) {
        return d;
      }
    } catch (IllegalArgumentException e) {
      // the message below says what is expected
    }
    throw new UsageException(
        "--follow-interval must be " + PromDuration.EXPECTED_FORM + ", at least 100ms");
  }

  private static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }
}

package io.balsamexporter.backfill;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.config.PromDuration;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The backfill's own flags. Every other argument is left for the exporter's configuration loader,
 * so the {@code --balsam.*} flags (and the environment and config file behind them) mean exactly
 * what they mean to the exporter.
 *
 * @param labels added to every series, e.g. the {@code job} and {@code instance} that Prometheus
 *     gives the live exporter's series, so backfilled and scraped history join up
 * @param progress show how far the history read got on standard error, even off a terminal
 * @param rest the arguments that are not the backfill's own, in their order
 */
record BackfillOptions(
    Optional<Path> out,
    Optional<Instant> since,
    Optional<Instant> until,
    Duration step,
    Map<String, String> labels,
    boolean help,
    boolean progress,
    List<String> rest) {

  static final Duration DEFAULT_STEP = Duration.ofSeconds(15);
  static final String TIME_FORMS =
      "an ISO-8601 time such as 2026-11-26T09:00:00Z (UTC when without offset) or Unix seconds";

  private static final Pattern EPOCH = Pattern.compile("\\d+(\\.\\d+)?");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=(.*)");

  /** Label names the exported families use themselves. */
  private static final Set<String> OWN_LABELS =
      Set.of(
          "site", "state", "from_state", "to_state", "outcome", "le", "app", "returncode", "cause");

  /** A flag of the backfill that cannot be used; the message names it and never its value. */
  static final class BadFlag extends Exception {
    BadFlag(String message) {
      super(message);
    }
  }

  BackfillOptions {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    rest = List.copyOf(rest);
  }

  static BackfillOptions parse(String... args) throws BadFlag {
    Optional<Path> out = Optional.empty();
    Optional<Instant> since = Optional.empty();
    Optional<Instant> until = Optional.empty();
    Duration step = DEFAULT_STEP;
    Map<String, String> labels = new LinkedHashMap<>();
    boolean help = false;
    boolean progress = false;
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String flag = equals < 0 ? arg : arg.substring(0, equals);
      if (flag.equals("--help") || flag.equals("-h")) {
        help = true;
        continue;
      }
      if (arg.equals("--progress")) {
        progress = true;
        continue;
      }
      if (!List.of("--out", "--since", "--until", "--step", "--label").contains(flag)) {
        rest.add(arg);
        continue;
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        throw new BadFlag(flag + " needs a value: " + flag + "=VALUE");
      }
      switch (flag) {
        case "--out" -> out = Optional.of(Path.of(nonEmpty(flag, value)));
        case "--since" -> since = Optional.of(time(flag, value));
        case "--until" -> until = Optional.of(time(flag, value));
        case "--label" -> label(value, labels);
        default -> step = step(value);
      }
    }
    if (since.isPresent() && until.isPresent() && until.get().isBefore(since.get())) {
      throw new BadFlag("--until is before --since: nothing to backfill");
    }
    if (!help && out.isEmpty()) {
      throw new BadFlag("--out=FILE is required: the OpenMetrics file to write");
    }
    return new BackfillOptions(out, since, until, step, labels, help, progress, rest);
  }

  private static void label(String value, Map<String, String> labels) throws BadFlag {
    Matcher m = LABEL.matcher(value);
    if (!m.matches()) {
      throw new BadFlag("--label must be NAME=VALUE with NAME a Prometheus label name");
    }
    String name = m.group(1);
    if (OWN_LABELS.contains(name) || name.startsWith("tag_") || name.startsWith("__")) {
      throw new BadFlag("--label " + name + " is a label the backfilled families set themselves");
    }
    if (labels.put(name, m.group(2)) != null) {
      throw new BadFlag("--label " + name + " is given twice; give it once");
    }
  }

  private static String nonEmpty(String flag, String value) throws BadFlag {
    if (value.isBlank()) {
      throw new BadFlag(flag + " must not be empty");
    }
    return value;
  }

  /** Prometheus keeps milliseconds, so a time is cut to whole milliseconds here. */
  static Instant time(String flag, String text) throws BadFlag {
    String value = text.trim();
    try {
      if (EPOCH.matcher(value).matches()) {
        double seconds = Double.parseDouble(value);
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
      }
      return BalsamTime.parse(value.endsWith("Z") ? value.replace("Z", "+00:00") : value)
          .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    } catch (IllegalArgumentException e) {
      throw new BadFlag(flag + " must be " + TIME_FORMS);
    }
  }

  private static Duration step(String value) throws BadFlag {
    Duration step;
    try {
      step = PromDuration.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new BadFlag("--step must be " + PromDuration.EXPECTED_FORM);
    }
    if (step.toMillis() < 1) {
      throw new BadFlag("--step must be at least 1ms");
    }
    return step;
  }
}

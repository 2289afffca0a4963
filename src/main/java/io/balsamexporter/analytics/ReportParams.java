package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.JobStates;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a report's parameters by their query-parameter names ({@code to_state}, {@code tag}, …),
 * the same for the HTTP API and the command line, and rejects anything it would have to guess.
 */
public final class ReportParams {
  /** Parameters that may be repeated; every other one is given at most once. */
  public static final Set<String> REPEATABLE = Set.of("job_id", "tag");

  public static final List<String> NAMES =
      List.of(
          "to_state",
          "from_state",
          "node_weighting",
          "scheduler_id",
          "batch_job_id",
          "job_id",
          "tag",
          "site",
          "since",
          "until",
          "format");

  /** What the parameters ask for: the report and the form of the answer. */
  public record Parsed(ReportRequest request, ReportFormat format) {}

  private ReportParams() {}

  /**
   * @param params values by parameter name, in the order given
   * @param defaultFormat the format when {@code format} is absent
   */
  public static Parsed parse(
      ReportKind kind, Map<String, List<String>> params, ReportFormat defaultFormat)
      throws ReportException {
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      if (!NAMES.contains(param.getKey())) {
        throw new ReportException(
            "unknown parameter " + param.getKey() + "; known: " + String.join(", ", NAMES));
      }
      if (param.getValue().size() > 1 && !REPEATABLE.contains(param.getKey())) {
        throw new ReportException(param.getKey() + " is given more than once; give it once");
      }
    }
    Optional<String> toState = state(params, "to_state");
    Optional<String> fromState = state(params, "from_state");
    boolean nodeWeighting = bool(one(params, "node_weighting").orElse("true"), "node_weighting");
    List<Long> jobIds = new ArrayList<>();
    for (String id : params.getOrDefault("job_id", List.of())) {
      jobIds.add(positive(id, "job_id"));
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (String tag : params.getOrDefault("tag", List.of())) {
      int colon = tag.indexOf(':');
      if (colon <= 0) {
        throw new ReportException("tag must be key:value, got \"" + tag + "\"");
      }
      // As Balsam builds its filter dict: a key given twice keeps its last value.
      tags.put(tag.substring(0, colon), tag.substring(colon + 1));
    }
    Optional<Instant> since = time(params, "since");
    Optional<Instant> until = time(params, "until");
    if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
      throw new ReportException("since is after until");
    }
    Optional<String> site = one(params, "site");
    if (site.isPresent() && site.get().isBlank()) {
      throw new ReportException("site must name a site");
    }
    ReportFormat format = ReportFormat.parse(one(params, "format"), defaultFormat);
    ReportFilter filter =
        new ReportFilter(
            jobIds,
            tags,
            fromState,
            toState,
            since,
            until,
            site,
            id(params, "batch_job_id"),
            id(params, "scheduler_id"));
    return new Parsed(new ReportRequest(kind, nodeWeighting, filter), format);
  }

  static Optional<String> one(Map<String, List<String>> params, String name) {
    List<String> values = params.getOrDefault(name, List.of());
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  static Optional<String> state(Map<String, List<String>> params, String name)
      throws ReportException {
    Optional<String> state = one(params, name);
    if (state.isPresent() && !JobStates.ALL.contains(state.get())) {
      throw new ReportException(
          "unknown job state \""
              + state.get()
              + "\" for "
              + name
              + "; states: "
              + String.join(", ", JobStates.ALL));
    }
    return state;
  }

  private static boolean bool(String value, String name) throws ReportException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ReportException(name + " must be true or false, got \"" + value + "\"");
    };
  }

  static OptionalLong id(Map<String, List<String>> params, String name) throws ReportException {
    Optional<String> value = one(params, name);
    return value.isPresent() ? OptionalLong.of(positive(value.get(), name)) : OptionalLong.empty();
  }

  static long positive(String value, String name) throws ReportException {
    try {
      long id = Long.parseLong(value.trim());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new ReportException(name + " must be a positive integer, got \"" + value + "\"");
  }

  static Optional<Instant> time(Map<String, List<String>> params, String name)
      throws ReportException {
    Optional<String> value = one(params, name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String text = value.get().trim();
    try {
      if (text.matches("-?\\d+(\\.\\d+)?")) {
        BigDecimal micros = new BigDecimal(text).movePointRight(6);
        return Optional.of(BalsamTime.fromMicros(micros.longValueExact()));
      }
      String iso = text.endsWith("Z") ? text.substring(0, text.length() - 1) + "+00:00" : text;
      return Optional.of(BalsamTime.parse(iso));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new ReportException(
          name
              + " must be an ISO-8601 time (naive is UTC) or epoch seconds, got \""
              + value.get()
              + "\"");
    }
  }
}

package io.balsamexporter.analytics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the parameters of {@code /api/v1/events} by Balsam's names ({@code job_id}, {@code tags},
 * {@code timestamp_after}, …), the same for HTTP and the {@code events} command, and rejects what
 * it would have to guess: an unknown name, a value that does not parse, a filter given twice.
 */
public final class EventParams {
  /** Parameters that may be repeated, as Balsam's list filters are. */
  public static final Set<String> REPEATABLE = Set.of("id", "job_id", "tags", "tag", "data");

  public static final List<String> NAMES =
      List.of(
          "id",
          "job_id",
          "batch_job_id",
          "scheduler_id",
          "tags",
          "tag",
          "data",
          "from_state",
          "to_state",
          "timestamp_after",
          "timestamp_before",
          "since",
          "until",
          "site",
          "app",
          "ordering",
          "limit",
          "after",
          "counted_after",
          "format");

  /** What the parameters ask for: the events and the form of the answer. */
  public record Parsed(EventQuery query, EventFormat format) {}

  private EventParams() {}

  public static Parsed parse(Map<String, List<String>> params) throws ReportException {
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      String name = param.getKey();
      if (name.equals("offset")) {
        throw new ReportException(
            "offset is not supported: pass the \"next\" cursor of the previous page as after=");
      }
      if (!NAMES.contains(name)) {
        throw new ReportException(
            "unknown parameter " + name + "; known: " + String.join(", ", NAMES));
      }
      if (param.getValue().size() > 1 && !REPEATABLE.contains(name)) {
        throw new ReportException(name + " is given more than once; give it once");
      }
    }
    Set<Long> ids = new HashSet<>();
    for (String id : params.getOrDefault("id", List.of())) {
      ids.add(ReportParams.positive(id, "id"));
    }
    List<Long> jobIds = new ArrayList<>();
    for (String id : params.getOrDefault("job_id", List.of())) {
      jobIds.add(ReportParams.positive(id, "job_id"));
    }
    Map<String, String> tags = pairs(params, "tags", new LinkedHashMap<>());
    pairs(params, "tag", tags);
    Map<String, String> data = pairs(params, "data", new LinkedHashMap<>());
    Optional<Instant> since = oneOf(params, "timestamp_after", "since");
    Optional<Instant> until = oneOf(params, "timestamp_before", "until");
    if (since.isPresent() && until.isPresent() && since.get().isAfter(until.get())) {
      throw new ReportException("timestamp_after is after timestamp_before");
    }
    Optional<String> site = named(params, "site");
    Optional<String> app = named(params, "app");
    ReportFilter filter =
        new ReportFilter(
            jobIds,
            tags,
            ReportParams.state(params, "from_state"),
            ReportParams.state(params, "to_state"),
            since,
            until,
            site,
            ReportParams.id(params, "batch_job_id"),
            ReportParams.id(params, "scheduler_id"));
    boolean newestFirst =
        switch (ReportParams.one(params, "ordering").orElse("-timestamp")) {
          case "-timestamp" -> true;
          case "timestamp" -> false;
          default ->
              throw new ReportException(
                  "ordering must be timestamp or -timestamp, got \""
                      + ReportParams.one(params, "ordering").get()
                      + "\"");
        };
    int limit = limit(ReportParams.one(params, "limit"));
    Optional<EventCursor> after = Optional.empty();
    Optional<String> cursor = ReportParams.one(params, "after");
    if (cursor.isPresent()) {
      EventCursor decoded = EventCursor.decode(cursor.get());
      if (decoded.newestFirst() != newestFirst) {
        throw new ReportException(
            "after is a cursor of ordering="
                + (decoded.newestFirst() ? "-timestamp" : "timestamp")
                + "; give the same ordering as the page it came from");
      }
      after = Optional.of(decoded);
    }
    OptionalLong countedAfter = OptionalLong.empty();
    Optional<String> counted = ReportParams.one(params, "counted_after");
    if (counted.isPresent()) {
      if (params.containsKey("ordering") || after.isPresent()) {
        throw new ReportException(
            "counted_after follows events in the order they are counted; give no ordering or after");
      }
      countedAfter = OptionalLong.of(counted(counted.get()));
    }
    EventFormat format = EventFormat.parse(ReportParams.one(params, "format"));
    return new Parsed(
        new EventQuery(ids, filter, data, app, newestFirst, limit, after, countedAfter), format);
  }

  /**
   * {@code key:value} pairs; as Balsam builds its filter dict, a key given twice keeps its last.
   */
  private static Map<String, String> pairs(
      Map<String, List<String>> params, String name, Map<String, String> into)
      throws ReportException {
    for (String pair : params.getOrDefault(name, List.of())) {
      int colon = pair.indexOf(':');
      if (colon <= 0) {
        throw new ReportException(name + " must be key:value, got \"" + pair + "\"");
      }
      into.put(pair.substring(0, colon), pair.substring(colon + 1));
    }
    return into;
  }

  private static Optional<Instant> oneOf(
      Map<String, List<String>> params, String balsamName, String reportName)
      throws ReportException {
    Optional<Instant> balsam = ReportParams.time(params, balsamName);
    Optional<Instant> report = ReportParams.time(params, reportName);
    if (balsam.isPresent() && report.isPresent()) {
      throw new ReportException(
          balsamName + " and " + reportName + " are the same bound; give one of them");
    }
    return balsam.isPresent() ? balsam : report;
  }

  private static Optional<String> named(Map<String, List<String>> params, String name)
      throws ReportException {
    Optional<String> value = ReportParams.one(params, name);
    if (value.isPresent() && value.get().isBlank()) {
      throw new ReportException(name + " must name a " + name);
    }
    return value;
  }

  private static long counted(String value) throws ReportException {
    try {
      long n = Long.parseLong(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new ReportException(
        "counted_after must be the \"counted\" of an earlier answer, got \"" + value + "\"");
  }

  private static int limit(Optional<String> value) throws ReportException {
    if (value.isEmpty()) {
      return EventQuery.DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.get().trim());
      if (limit >= 0 && limit <= EventQuery.MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new ReportException(
        "limit must be an integer from 0 to "
            + EventQuery.MAX_LIMIT
            + ", got \""
            + value.get()
            + "\"");
  }
}

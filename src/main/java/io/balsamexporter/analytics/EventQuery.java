package io.balsamexporter.analytics;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One question to {@code /api/v1/events}: Balsam's EventLog filters, all ANDed, plus {@code site}
 * and {@code app}, an order, a page size and where the page starts.
 *
 * @param ids events with these ids; empty for any
 * @param jobs the filters that name jobs (job ids, tags, site, batch job, scheduler job) and the
 *     states and time range, as the reports take them
 * @param data Balsam's {@code data} filter: every key's value in the event's data is this string
 * @param app events of jobs of an app with this name
 * @param newestFirst Balsam's {@code -timestamp} (its default); false for {@code timestamp}
 * @param limit rows on the page, 0 for the count alone
 * @param after the cursor of the previous page
 * @param countedAfter follow mode: the events counted after this number (the {@code counted} of the
 *     previous answer), in the order they were counted, instead of a page in time order
 */
public record EventQuery(
    Set<Long> ids,
    ReportFilter jobs,
    Map<String, String> data,
    Optional<String> app,
    boolean newestFirst,
    int limit,
    Optional<EventCursor> after,
    OptionalLong countedAfter) {

  public static final int MAX_LIMIT = 10_000;
  public static final int DEFAULT_LIMIT = 1_000;

  public EventQuery {
    ids = Set.copyOf(ids);
    data = Map.copyOf(data);
  }

  public Optional<Instant> since() {
    return jobs.since();
  }

  public Optional<Instant> until() {
    return jobs.until();
  }
}

package io.balsamexporter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What shapes a poll.
 *
 * @param pageSize the {@code limit} of the listings of a poll
 * @param firstSyncPageSize the {@code limit} of the listings of whole histories (a first sync, a
 *     full job listing): the server visits every row for each page of them
 * @param lateWindow events stamped less than this before the poll are left out of the count check:
 *     the polls of changed jobs read them, and a count that includes events still being written
 *     would disagree for nothing
 * @param since events before this time are neither read nor counted (the epoch when unset: the
 *     whole history)
 * @param checkInterval how often a poll checks the count of the whole history against the ledger;
 *     zero checks at every poll
 */
public record IngestSettings(
    int pageSize,
    int firstSyncPageSize,
    Duration lateWindow,
    Instant since,
    List<String> tagKeys,
    Duration checkInterval) {

  /** The count check's default schedule: one visit of every event an hour. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofHours(1);

  public IngestSettings {
    tagKeys = List.copyOf(tagKeys);
    if (checkInterval.isNegative()) {
      throw new IllegalArgumentException("checkInterval must not be negative: " + checkInterval);
    }
  }

  /** Settings with one page size for everything and the default count-check schedule. */
  public IngestSettings(int pageSize, Duration lateWindow, Instant since, List<String> tagKeys) {
    this(pageSize, pageSize, lateWindow, since, tagKeys, DEFAULT_CHECK_INTERVAL);
  }
}

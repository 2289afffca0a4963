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
 * @param jobsCheckInterval how often a poll counts all jobs against the index, which only a
 *     deletion changes unseen; zero counts at every poll
 */
public record IngestSettings(
    int pageSize,
    int firstSyncPageSize,
    Duration lateWindow,
    Instant since,
    List<String> tagKeys,
    Duration checkInterval,
    Duration jobsCheckInterval) {

  /** The count check's default schedule: one visit of every event an hour. */
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofHours(1);

  /** How often the jobs are counted by default: a deletion shows within five minutes. */
  public static final Duration DEFAULT_JOBS_CHECK_INTERVAL = Duration.ofMinutes(5);

  public IngestSettings {
    tagKeys = List.copyOf(tagKeys);
    if (checkInterval.isNegative()) {
      throw new IllegalArgumentException("checkInterval must not be negative: " + checkInterval);
    }
    if (jobsCheckInterval.isNegative()) {
      throw new IllegalArgumentException(
          "jobsCheckInterval must not be negative: " + jobsCheckInterval);
    }
  }

  /** Settings with the default schedule of the job count. */
  public IngestSettings(
      int pageSize,
      int firstSyncPageSize,
      Duration lateWindow,
      Instant since,
      List<String> tagKeys,
      Duration checkInterval) {
    this(
        pageSize,
        firstSyncPageSize,
        lateWindow,
        since,
        tagKeys,
        checkInterval,
        DEFAULT_JOBS_CHECK_INTERVAL);
  }

  /** Settings with one page size for everything and the default count-check schedule. */
  public IngestSettings(int pageSize, Duration lateWindow, Instant since, List<String> tagKeys) {
    this(pageSize, pageSize, lateWindow, since, tagKeys, DEFAULT_CHECK_INTERVAL);
  }
}

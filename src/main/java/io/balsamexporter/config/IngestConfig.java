package io.balsamexporter.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How often and how much each poll reads.
 *
 * @param pageSize the {@code limit} of each listing request, at most the server's 100000
 * @param firstSyncPageSize the {@code limit} of the listings of whole histories (a first sync, a
 *     full job listing), where the server visits every row once per page
 * @param pollInterval the time between the starts of two polls
 * @param lateWindow how recent an event may be and still be left out of the count check
 * @param eventsSince count only events at or after this time; empty counts the whole history
 * @param checkInterval how often a poll checks the count of the whole history; zero at every poll
 * @param jobsCheckInterval how often a poll counts all jobs, which only a deletion changes unseen;
 *     zero at every poll
 * @param storagePath the directory that keeps what the exporter learnt across restarts; empty keeps
 *     nothing
 * @param payloadsKept how many distinct event payloads (error tails and the like) are held in
 *     memory for the event and failure queries
 */
public record IngestConfig(
    int pageSize,
    int firstSyncPageSize,
    Duration pollInterval,
    Duration lateWindow,
    Optional<Instant> eventsSince,
    Duration checkInterval,
    Duration jobsCheckInterval,
    Optional<Path> storagePath,
    int payloadsKept) {

  public static final int DEFAULT_PAGE_SIZE = 10_000;
  public static final int MAX_PAGE_SIZE = 100_000;
  public static final int DEFAULT_FIRST_SYNC_PAGE_SIZE = MAX_PAGE_SIZE;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_LATE_WINDOW = Duration.ofMinutes(10);
  public static final Duration DEFAULT_CHECK_INTERVAL = Duration.ofHours(1);
  public static final Duration DEFAULT_JOBS_CHECK_INTERVAL = Duration.ofMinutes(5);
  public static final int DEFAULT_PAYLOADS_KEPT = 20_000;
}

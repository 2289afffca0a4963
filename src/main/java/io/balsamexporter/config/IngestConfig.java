package io.balsamexporter.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How often and how much each poll reads.
 *
 * @param pageSize the {@code limit} of each listing request, at most the server's 100000
 * @param pollInterval the time between the starts of two polls
 * @param lateWindow how far back before the newest event each poll re-reads
 * @param eventsSince count only events at or after this time; empty counts the whole history
 */
public record IngestConfig(
    int pageSize, Duration pollInterval, Duration lateWindow, Optional<Instant> eventsSince) {

  public static final int DEFAULT_PAGE_SIZE = 10_000;
  public static final int MAX_PAGE_SIZE = 100_000;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_LATE_WINDOW = Duration.ofMinutes(10);
}

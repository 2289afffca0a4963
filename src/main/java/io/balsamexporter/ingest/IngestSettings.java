package io.balsamexporter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What shapes a poll.
 *
 * @param since events before this time are neither read nor counted (the epoch when unset: the
 *     whole history)
 */
public record IngestSettings(
    int pageSize, Duration lateWindow, Instant since, List<String> tagKeys) {

  public IngestSettings {
    tagKeys = List.copyOf(tagKeys);
  }
}

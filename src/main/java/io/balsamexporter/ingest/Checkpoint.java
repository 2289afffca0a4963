package io.balsamexporter.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the poller knows besides what an update carries, as of the end of that update: with the
 * updates in order, enough to rebuild its state after a restart without reading the history again.
 *
 * @param inventory the sites, apps and batch jobs, when they changed since the last checkpoint
 * @param relisted stretches of minutes whose tallies the update set to what the server holds
 * @param historyReadUntil where an unfinished first sync resumes
 * @param listedAt the server's time at the last job listing, where the next one starts from
 * @param newestListed the newest {@code last_update} the job listings returned
 * @param shortfallPolls polls in a row that saw fewer jobs than the server counts
 * @param synced the first sync has ended
 */
public record Checkpoint(
    Optional<Inventory> inventory,
    List<Relisted> relisted,
    Optional<Instant> historyReadUntil,
    Optional<Instant> listedAt,
    Optional<Instant> newestListed,
    int shortfallPolls,
    boolean synced) {

  public Checkpoint {
    relisted = List.copyOf(relisted);
  }

  /** A stretch of minutes {@code [fromMinute, toMinute)} listed whole, with what it holds now. */
  public record Relisted(long fromMinute, long toMinute, Map<Long, Integer> perMinute) {
    public Relisted {
      perMinute = Map.copyOf(perMinute);
    }
  }
}

package io.balsamexporter.ingest;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Rebuilds a poller's state from the updates a state file kept, before the first poll, and hands
 * them to the sinks again so that the metrics and the journal come back as they were.
 */
final class Restore {
  private final PollerState state;
  private final Updates updates;
  private final JobSync jobSync;
  private final Clock clock;

  Restore(PollerState state, Updates updates, JobSync jobSync, Clock clock) {
    this.state = state;
    this.updates = updates;
    this.jobSync = jobSync;
    this.clock = clock;
  }

  /** Takes back one update with its checkpoint, in the order they were recorded. */
  void update(PollUpdate update, Checkpoint checkpoint) {
    checkpoint.inventory().ifPresent(restored -> state.inventory = restored);
    PollUpdate.IndexedJobs indexed = update.indexedJobs();
    if (indexed.replacedAll()) {
      state.jobs.replaceAll(indexed.jobs());
    } else {
      indexed.jobs().forEach(state.jobs::put);
    }
    state.jobs.takeIndexed();
    state.counter.replay(update.events());
    checkpoint
        .relisted()
        .forEach(r -> state.ledger.replaceTallies(r.fromMinute(), r.toMinute(), r.perMinute()));
    state.historyReadUntil = checkpoint.historyReadUntil().orElse(null);
    jobSync.restore(checkpoint.listedAt(), checkpoint.newestListed(), checkpoint.shortfallPolls());
    state.synced = checkpoint.synced();
    // The cluster state is published once, when the restore ends.
    updates.replay(
        new PollUpdate(
            update.newJobTags(),
            update.events(),
            update.runs(),
            update.queueWaits(),
            update.duplicates(),
            Optional.empty(),
            update.indexedJobs()));
  }

  /**
   * Publishes the state rebuilt, and has the next poll check the counts, so that what changed while
   * the exporter was down, deletions included, is found at once.
   */
  void done() {
    if (state.synced) {
      updates.publish(List.of(), EventCounter.Counted.NOTHING, true, List.of());
    }
    state.nextCheck = clock.instant();
  }
}

package io.balsamexporter.ingest;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands each update to every sink subscribed, with the checkpoint a restart resumes from after it.
 */
final class Updates {
  private final PollerState state;
  private final JobSync jobSync;
  private final List<String> tagKeys;
  private final List<IngestSink> sinks = new CopyOnWriteArrayList<>();
  // The inventory as the last checkpoint carried it: a checkpoint carries it only when it changed.
  private Inventory checkpointed;

  Updates(PollerState state, JobSync jobSync, List<String> tagKeys) {
    this.state = state;
    this.jobSync = jobSync;
    this.tagKeys = tagKeys;
  }

  void subscribe(IngestSink sink) {
    sinks.add(sink);
  }

  /** An update made by a poll: the jobs that {@code arriving} makes known, what was counted. */
  PollResult.Counts publish(
      Collection<JobRecord> arriving,
      EventCounter.Counted counted,
      boolean withState,
      List<Checkpoint.Relisted> relisted) {
    PollUpdate update =
        new PollUpdate(
            tagsInIdOrder(arriving),
            counted.events(),
            counted.runs(),
            counted.queueWaits(),
            counted.duplicates(),
            withState ? Optional.of(state.clusterState()) : Optional.empty(),
            state.jobs.takeIndexed());
    Checkpoint checkpoint = checkpoint(relisted);
    sinks.forEach(sink -> sink.apply(update, checkpoint));
    return PollResult.Counts.of(update);
  }

  /** An update of the first sync before its end: no cluster state yet, nothing relisted. */
  PollResult.Counts publishPage(Collection<JobRecord> arriving, EventCounter.Counted counted) {
    return publish(arriving, counted, false, List.of());
  }

  /** An update taken back from the state file: the sinks see it again, without a checkpoint. */
  void replay(PollUpdate restored) {
    checkpointed = state.inventory;
    sinks.forEach(sink -> sink.apply(restored));
  }

  private Checkpoint checkpoint(List<Checkpoint.Relisted> relisted) {
    Optional<Inventory> changed =
        state.inventory.equals(checkpointed) ? Optional.empty() : Optional.of(state.inventory);
    checkpointed = state.inventory;
    return new Checkpoint(
        changed,
        relisted,
        Optional.ofNullable(state.historyReadUntil),
        jobSync.listedAt(),
        jobSync.newestListed(),
        jobSync.shortfallPolls(),
        state.synced);
  }

  /** The distinct tag label values of {@code arriving}, ordered by the first job that has them. */
  private List<List<String>> tagsInIdOrder(Collection<JobRecord> arriving) {
    if (tagKeys.isEmpty()) {
      return List.of();
    }
    Set<List<String>> distinct = new LinkedHashSet<>();
    arriving.stream()
        .sorted(Comparator.comparingLong(JobRecord::id))
        .forEach(job -> distinct.add(job.tagValues()));
    return List.copyOf(distinct);
  }
}

package io.balsamexporter.storage;

import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every update of a state file folded into the fewest frames that restore the same state: the
 * events, the intervals they closed and the tag values in the order first met, as they were; the
 * jobs, the inventory, the per-minute tallies and where polling resumes only as they are now. What
 * a file holds is then bounded by what the exporter keeps, not by how many polls it made.
 *
 * <p>Restored through the same code as the updates it folds, and to the same end: tag values are
 * admitted in the order they were first met; the jobs come after every event, as a full listing
 * does, so a job deleted since keeps its events out of the reports; and the minutes whose tallies a
 * count check set apart from the events counted in them are written as relisted.
 */
final class Snapshot {
  private static final int ITEMS_PER_PART = StateFormat.EVENTS_PER_FRAME;

  private final FileChannel out;
  private final Runnable afterFirstPart;
  private final StateEncoder encoder = new StateEncoder();
  private final Set<List<String>> tagsMet = new HashSet<>();
  private final List<List<String>> tags = new ArrayList<>();
  private final List<PollUpdate.CountedEvent> events = new ArrayList<>();
  private final List<PollUpdate.Interval> runs = new ArrayList<>();
  private final List<PollUpdate.Interval> queueWaits = new ArrayList<>();
  private final Map<Long, JobRecord> jobs = new LinkedHashMap<>();
  // Events counted per minute, and the tallies as the ledger holds them (count checks set some).
  private final Map<Long, Integer> counted = new HashMap<>();
  private final TreeMap<Long, Integer> tallies = new TreeMap<>();
  private long duplicates;
  private Checkpoint last;
  private Inventory inventory = Inventory.EMPTY;
  private boolean wrotePart;

  private Snapshot(FileChannel out, Runnable afterFirstPart) {
    this.out = out;
    this.afterFirstPart = afterFirstPart;
  }

  /**
   * Writes the snapshot of the whole updates in {@code file} to {@code out}, after its header.
   *
   * @param afterFirstPart run once the first frame is written (a crash test stops there)
   * @return the encoder that appends to the snapshot written
   */
  static StateEncoder write(Path file, FileChannel out, Runnable afterFirstPart)
      throws IOException {
    Snapshot snapshot = new Snapshot(out, afterFirstPart);
    StateDecoder decoder = new StateDecoder();
    try (Frames.Reader in = new Frames.Reader(file)) {
      in.magic();
      in.next();
      for (Frames.Reader.Frame frame = in.next(); frame != null; frame = in.next()) {
        StateDecoder.Restored part = decoder.decode(frame.payload());
        snapshot.fold(part.update(), part.checkpoint());
      }
    }
    snapshot.finish();
    return snapshot.encoder;
  }

  private void fold(PollUpdate update, Checkpoint checkpoint) throws IOException {
    update.newJobTags().forEach(this::meet);
    for (PollUpdate.CountedEvent event : update.events()) {
      meet(event.tagValues());
      events.add(event);
      long minute = Math.floorDiv(event.event().timestamp().getEpochSecond(), 60);
      counted.merge(minute, 1, Integer::sum);
      tallies.merge(minute, 1, Integer::sum);
    }
    runs.addAll(update.runs());
    queueWaits.addAll(update.queueWaits());
    duplicates += update.duplicates();
    if (update.indexedJobs().replacedAll()) {
      jobs.clear();
    }
    update.indexedJobs().jobs().forEach(job -> jobs.put(job.id(), job));
    for (Checkpoint.Relisted r : checkpoint.relisted()) {
      tallies.subMap(r.fromMinute(), true, r.toMinute(), false).clear();
      r.perMinute()
          .forEach(
              (minute, n) -> {
                if (n > 0) {
                  tallies.put(minute, n);
                }
              });
    }
    checkpoint.inventory().ifPresent(now -> inventory = now);
    last = checkpoint;
    if (events.size() + runs.size() + queueWaits.size() >= ITEMS_PER_PART) {
      writePart();
    }
  }

  private void meet(List<String> tagValues) {
    if (tagsMet.add(tagValues)) {
      tags.add(tagValues);
    }
  }

  /** The events, intervals and tag values met since the last part, with no job and no inventory. */
  private void writePart() throws IOException {
    PollUpdate part =
        new PollUpdate(
            List.copyOf(tags),
            List.copyOf(events),
            List.copyOf(runs),
            List.copyOf(queueWaits),
            0,
            Optional.empty());
    write(encoder.encode(part, resumingAt(Optional.empty(), List.of())), false);
    tags.clear();
    events.clear();
    runs.clear();
    queueWaits.clear();
  }

  /** The jobs after every event, then the inventory, the tallies and where polling resumes. */
  private void finish() throws IOException {
    if (last == null) {
      return;
    }
    if (!tags.isEmpty() || !events.isEmpty() || !runs.isEmpty() || !queueWaits.isEmpty()) {
      writePart();
    }
    PollUpdate jobsNow =
        new PollUpdate(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            duplicates,
            Optional.empty(),
            new PollUpdate.IndexedJobs(List.copyOf(jobs.values()), true));
    write(encoder.encode(jobsNow, resumingAt(Optional.of(inventory), relisted())), true);
  }

  private Checkpoint resumingAt(Optional<Inventory> inventory, List<Checkpoint.Relisted> relisted) {
    return new Checkpoint(
        inventory,
        relisted,
        last.historyReadUntil(),
        last.listedAt(),
        last.newestListed(),
        last.shortfallPolls(),
        last.synced());
  }

  /** The runs of minutes whose tally differs from the events counted in them. */
  private List<Checkpoint.Relisted> relisted() {
    Set<Long> minutes = new TreeSet<>(counted.keySet());
    minutes.addAll(tallies.keySet());
    List<Checkpoint.Relisted> relisted = new ArrayList<>();
    Map<Long, Integer> run = null;
    long from = 0;
    long to = 0;
    for (long minute : minutes) {
      if (Objects.equals(counted.get(minute), tallies.get(minute))) {
        continue;
      }
      if (run != null && minute != to) {
        relisted.add(new Checkpoint.Relisted(from, to, run));
        run = null;
      }
      if (run == null) {
        run = new HashMap<>();
        from = minute;
      }
      run.put(minute, tallies.getOrDefault(minute, 0));
      to = minute + 1;
    }
    if (run != null) {
      relisted.add(new Checkpoint.Relisted(from, to, run));
    }
    return relisted;
  }

  private void write(List<byte[]> frames, boolean last) throws IOException {
    for (int i = 0; i < frames.size(); i++) {
      boolean end = last && i == frames.size() - 1;
      Frames.write(out, end ? Frames.SNAPSHOT_END : Frames.SNAPSHOT, frames.get(i));
      if (!wrotePart) {
        wrotePart = true;
        afterFirstPart.run();
      }
    }
  }
}

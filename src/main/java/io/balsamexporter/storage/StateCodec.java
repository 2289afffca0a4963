package io.balsamexporter.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.ingest.TagSets;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON of one frame: a part of a poll's update with the checkpoint after it. Balsam's own
 * objects keep their wire form; times of our own are epoch microseconds.
 */
final class StateCodec {
  private static final ObjectMapper JSON = BalsamJson.mapper();

  /** The most events, and jobs, one frame carries: a first sync's update spans many frames. */
  static final int EVENTS_PER_FRAME = 50_000;

  static final int JOBS_PER_FRAME = 20_000;

  record Header(int format, String server, String user, long sinceMicros, List<String> tagKeys) {}

  record Job(
      long id,
      long appId,
      String state,
      double nodeWeight,
      List<String> tagValues,
      long lastUpdateMicros,
      long batchJobId,
      Map<String, String> tags) {}

  record Counted(Event event, String site, List<String> tagValues, boolean late) {}

  record Stock(List<Site> sites, List<App> apps, List<BatchJob> batchJobs) {}

  record Frame(
      List<List<String>> newJobTags,
      List<Counted> events,
      List<PollUpdate.Interval> runs,
      List<PollUpdate.Interval> queueWaits,
      long duplicates,
      List<Job> jobs,
      boolean replacedAll,
      Stock inventory,
      List<Checkpoint.Relisted> relisted,
      Long historyReadUntilMicros,
      Long listedAtMicros,
      Long newestListedMicros,
      int shortfallPolls,
      boolean synced) {}

  private final TagSets tagSets = new TagSets();

  /** One update as frames of bounded size; the checkpoint goes with the last one. */
  static List<byte[]> encode(PollUpdate update, Checkpoint checkpoint) throws IOException {
    List<PollUpdate.CountedEvent> events = update.events();
    List<JobRecord> jobs = update.indexedJobs().jobs();
    int frames =
        Math.max(
            1,
            Math.max(
                ceilDiv(events.size(), EVENTS_PER_FRAME), ceilDiv(jobs.size(), JOBS_PER_FRAME)));
    List<byte[]> out = new ArrayList<>(frames);
    for (int i = 0; i < frames; i++) {
      boolean first = i == 0;
      boolean last = i == frames - 1;
      List<Counted> counted = new ArrayList<>();
      for (PollUpdate.CountedEvent c : slice(events, i, EVENTS_PER_FRAME)) {
        counted.add(new Counted(c.event(), c.site(), c.tagValues(), c.late()));
      }
      List<Job> indexed = new ArrayList<>();
      for (JobRecord j : slice(jobs, i, JOBS_PER_FRAME)) {
        indexed.add(
            new Job(
                j.id(),
                j.appId(),
                j.state(),
                j.nodeWeight(),
                j.tagValues(),
                micros(j.lastUpdate()),
                j.batchJobId(),
                j.tags()));
      }
      Frame frame =
          new Frame(
              first ? update.newJobTags() : List.of(),
              counted,
              first ? update.runs() : List.of(),
              first ? update.queueWaits() : List.of(),
              first ? update.duplicates() : 0,
              indexed,
              first && update.indexedJobs().replacedAll(),
              last
                  ? checkpoint
                      .inventory()
                      .map(
                          inv ->
                              new Stock(
                                  List.copyOf(inv.sites().values()),
                                  List.copyOf(inv.apps().values()),
                                  inv.batchJobs()))
                      .orElse(null)
                  : null,
              last ? checkpoint.relisted() : List.of(),
              checkpoint.historyReadUntil().map(StateCodec::micros).orElse(null),
              checkpoint.listedAt().map(StateCodec::micros).orElse(null),
              checkpoint.newestListed().map(StateCodec::micros).orElse(null),
              checkpoint.shortfallPolls(),
              checkpoint.synced());
      out.add(JSON.writeValueAsBytes(frame));
    }
    return out;
  }

  /** One frame back as the update part and checkpoint it carried. */
  Restored decode(byte[] bytes) throws IOException {
    Frame frame = JSON.readValue(bytes, Frame.class);
    List<PollUpdate.CountedEvent> events = new ArrayList<>(frame.events().size());
    for (Counted c : frame.events()) {
      events.add(
          new PollUpdate.CountedEvent(
              c.event(), c.site().intern(), internAll(c.tagValues()), c.late()));
    }
    List<JobRecord> jobs = new ArrayList<>(frame.jobs().size());
    for (Job j : frame.jobs()) {
      jobs.add(
          new JobRecord(
              j.id(),
              j.appId(),
              j.state().intern(),
              j.nodeWeight(),
              internAll(j.tagValues()),
              instant(j.lastUpdateMicros()),
              j.batchJobId(),
              tagSets.intern(j.tags())));
    }
    PollUpdate update =
        new PollUpdate(
            frame.newJobTags(),
            events,
            frame.runs(),
            frame.queueWaits(),
            frame.duplicates(),
            Optional.empty(),
            new PollUpdate.IndexedJobs(jobs, frame.replacedAll()));
    Optional<Inventory> inventory =
        Optional.ofNullable(frame.inventory())
            .map(s -> Inventory.of(s.sites(), s.apps(), s.batchJobs()));
    Checkpoint checkpoint =
        new Checkpoint(
            inventory,
            frame.relisted() == null ? List.of() : frame.relisted(),
            Optional.ofNullable(frame.historyReadUntilMicros()).map(StateCodec::instant),
            Optional.ofNullable(frame.listedAtMicros()).map(StateCodec::instant),
            Optional.ofNullable(frame.newestListedMicros()).map(StateCodec::instant),
            frame.shortfallPolls(),
            frame.synced());
    return new Restored(update, checkpoint);
  }

  record Restored(PollUpdate update, Checkpoint checkpoint) {}

  static byte[] encode(Header header) throws IOException {
    return JSON.writeValueAsBytes(header);
  }

  static Header decodeHeader(byte[] bytes) throws IOException {
    return JSON.readValue(bytes, Header.class);
  }

  private static List<String> internAll(List<String> values) {
    List<String> interned = new ArrayList<>(values.size());
    values.forEach(v -> interned.add(v.intern()));
    return List.copyOf(interned);
  }

  private static <T> List<T> slice(List<T> all, int part, int size) {
    int from = Math.min(all.size(), part * size);
    return all.subList(from, Math.min(all.size(), from + size));
  }

  private static int ceilDiv(int n, int d) {
    return (n + d - 1) / d;
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
  }
}

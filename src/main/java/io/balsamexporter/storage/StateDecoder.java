package io.balsamexporter.storage;

import static io.balsamexporter.storage.StateFormat.HAS_NODES;
import static io.balsamexporter.storage.StateFormat.HAS_PAYLOAD;
import static io.balsamexporter.storage.StateFormat.JSON;
import static io.balsamexporter.storage.StateFormat.LATE;
import static io.balsamexporter.storage.StateFormat.instant;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.ingest.TagSets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads back what {@link StateEncoder} wrote, one file's frames in order: each inventory is the
 * change from the one this decoder read before.
 */
final class StateDecoder {
  private final TagSets tagSets = new TagSets();

  // The inventory as of the last frame decoded: the next one is read as a delta from it.
  private Inventory inventory = Inventory.EMPTY;

  /** The inventory the frames decoded so far left: where an encoder appending to them starts. */
  Inventory inventory() {
    return inventory;
  }

  /** One frame back as the update part and checkpoint it carried. */
  Restored decode(byte[] bytes) throws IOException {
    return read(bytes, true);
  }

  /**
   * Reads one frame through, as {@link #decode} does, without building the events and jobs: how a
   * file is checked whole before any of it is applied, at a fraction of the cost of decoding.
   *
   * @throws IOException when {@link #decode} would fail
   */
  void check(byte[] bytes) throws IOException {
    read(bytes, false);
  }

  private Restored read(byte[] bytes, boolean build) throws IOException {
    BinaryIn in = new BinaryIn(bytes);
    String[] strings = new String[in.getCount()];
    for (int i = 0; i < strings.length; i++) {
      String value = in.getString();
      strings[i] = value.length() <= StateFormat.INTERNED_CHARS ? value.intern() : value;
    }
    List<List<String>> tagLists = new ArrayList<>();
    for (int i = in.getCount(); i > 0; i--) {
      String[] values = new String[in.getCount()];
      for (int v = 0; v < values.length; v++) {
        values[v] = ref(strings, in.getVarInt());
      }
      tagLists.add(List.of(values));
    }
    List<Map<String, String>> tagMaps = new ArrayList<>();
    for (int i = in.getCount(); i > 0; i--) {
      Map<String, String> tags = new LinkedHashMap<>();
      for (int k = in.getCount(); k > 0; k--) {
        tags.put(ref(strings, in.getVarInt()), ref(strings, in.getVarInt()));
      }
      tagMaps.add(tagSets.intern(tags));
    }
    List<List<String>> newJobTags = new ArrayList<>();
    for (int i = in.getCount(); i > 0; i--) {
      newJobTags.add(ref(tagLists, in.getVarInt()));
    }
    int eventCount = in.getCount();
    List<PollUpdate.CountedEvent> events = new ArrayList<>(build ? eventCount : 0);
    long micros = 0;
    for (int i = 0; i < eventCount; i++) {
      long id = in.getZigZag();
      long jobId = in.getZigZag();
      micros += in.getZigZag();
      String from = ref(strings, in.getVarInt());
      String to = ref(strings, in.getVarInt());
      String site = ref(strings, in.getVarInt());
      long appId = in.getZigZag();
      List<String> tags = ref(tagLists, in.getVarInt());
      int flags = in.getByte();
      Map<String, Object> data = Map.of();
      if ((flags & HAS_NODES) != 0) {
        data = Map.of("num_nodes", in.getDouble());
      } else if ((flags & HAS_PAYLOAD) != 0) {
        data = StateFormat.payload(ref(strings, in.getVarInt()));
      }
      if (id <= 0 || jobId <= 0) {
        throw BinaryIn.malformed("event " + id + " of job " + jobId);
      }
      if (build) {
        Event event = new Event(id, jobId, instant(micros), from, to, data);
        events.add(new PollUpdate.CountedEvent(event, site, appId, tags, (flags & LATE) != 0));
      }
    }
    int jobCount = in.getCount();
    List<JobRecord> jobs = new ArrayList<>(build ? jobCount : 0);
    micros = 0;
    for (int i = 0; i < jobCount; i++) {
      long id = in.getZigZag();
      long appId = in.getZigZag();
      String state = ref(strings, in.getVarInt());
      double nodeWeight = in.getDouble();
      List<String> tagValues = ref(tagLists, in.getVarInt());
      micros += in.getZigZag();
      long batchJobId = in.getZigZag();
      Map<String, String> tags = ref(tagMaps, in.getVarInt());
      if (build) {
        jobs.add(
            new JobRecord(
                id, appId, state, nodeWeight, tagValues, instant(micros), batchJobId, tags));
      }
    }
    List<PollUpdate.Interval> runs = intervals(in, strings, build);
    List<PollUpdate.Interval> queueWaits = intervals(in, strings, build);
    StateFormat.Rest rest = JSON.readValue(in.getBytes(), StateFormat.Rest.class);
    in.end();
    if (!build) {
      return null;
    }
    PollUpdate update =
        new PollUpdate(
            newJobTags,
            events,
            runs,
            queueWaits,
            rest.duplicates(),
            Optional.empty(),
            new PollUpdate.IndexedJobs(jobs, rest.replacedAll()));
    Optional<Inventory> restored = Optional.empty();
    if (rest.inventory() != null) {
      inventory = rest.inventory().applyTo(inventory);
      restored = Optional.of(inventory);
    }
    Checkpoint checkpoint =
        new Checkpoint(
            restored,
            rest.relisted() == null ? List.of() : rest.relisted(),
            Optional.ofNullable(rest.historyReadUntilMicros()).map(StateFormat::instant),
            Optional.ofNullable(rest.listedAtMicros()).map(StateFormat::instant),
            Optional.ofNullable(rest.newestListedMicros()).map(StateFormat::instant),
            rest.shortfallPolls(),
            rest.synced());
    return new Restored(update, checkpoint);
  }

  record Restored(PollUpdate update, Checkpoint checkpoint) {}

  private static List<PollUpdate.Interval> intervals(BinaryIn in, String[] strings, boolean build)
      throws IOException {
    int count = in.getCount();
    List<PollUpdate.Interval> intervals = new ArrayList<>(build ? count : 0);
    for (int i = 0; i < count; i++) {
      String site = ref(strings, in.getVarInt());
      String outcome = ref(strings, in.getVarInt());
      double seconds = in.getDouble();
      if (build) {
        intervals.add(new PollUpdate.Interval(site, outcome, seconds));
      }
    }
    return intervals;
  }

  private static String ref(String[] table, int index) throws IOException {
    if (index >= table.length) {
      throw BinaryIn.malformed("string " + index + " of " + table.length);
    }
    return table[index];
  }

  private static <T> T ref(List<T> table, int index) throws IOException {
    if (index >= table.size()) {
      throw BinaryIn.malformed("entry " + index + " of " + table.size());
    }
    return table.get(index);
  }
}

package io.balsamexporter.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.ingest.TagSets;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of one frame: a part of a poll's update with the checkpoint after it, in binary.
 *
 * <p>A frame names each string once: a table of the strings (sites, states, tag values and keys,
 * outcomes) comes first, then a table of the tag value lists and one of the tag maps, which the
 * events and jobs then refer to by index. Events follow in the update's order as id, job id and the
 * microseconds since the event before, states, site, tag values, a flag byte (late; has a node
 * weight; has a payload) and the node weight of an event whose {@code data} is that weight alone,
 * or else its {@code data} as JSON in the string table, so that a restart restores the payloads
 * (already bounded when read from Balsam) that the event queries and failure counts read. Jobs
 * follow as the fields of {@link JobRecord}, then the closed intervals. What is small and rare (the
 * inventory's changes as an {@link InventoryDelta}, whose Balsam objects keep their wire JSON, the
 * relisted minutes and the checkpoint) ends the frame as JSON.
 */
final class StateCodec {
  private static final ObjectMapper JSON = BalsamJson.mapper();

  /** The most events, and jobs, one frame carries: a first sync's update spans many frames. */
  static final int EVENTS_PER_FRAME = 50_000;

  static final int JOBS_PER_FRAME = 20_000;

  private static final int LATE = 1;
  private static final int HAS_NODES = 2;
  private static final int HAS_PAYLOAD = 4;
  // Strings this short repeat (sites, states, tag values) and are interned when read back;
  // payloads, often longer and each seen once, are not.
  private static final int INTERNED_CHARS = 256;
  private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {};

  record Header(int format, String server, String user, long sinceMicros, List<String> tagKeys) {}

  /** The JSON tail of a frame. */
  record Rest(
      long duplicates,
      boolean replacedAll,
      InventoryDelta inventory,
      List<Checkpoint.Relisted> relisted,
      Long historyReadUntilMicros,
      Long listedAtMicros,
      Long newestListedMicros,
      int shortfallPolls,
      boolean synced) {}

  private final TagSets tagSets = new TagSets();

  // The inventory as of the last update encoded or decoded: the next one is written, and read,
  // as a delta from it. One codec writes, or reads, one file from its start.
  private Inventory inventory = Inventory.EMPTY;

  /**
   * One update as frames of bounded size; the checkpoint goes with the last one, its inventory as
   * the change from the last one this codec encoded.
   */
  List<byte[]> encode(PollUpdate update, Checkpoint checkpoint) throws IOException {
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
      Rest rest =
          new Rest(
              first ? update.duplicates() : 0,
              first && update.indexedJobs().replacedAll(),
              last ? inventoryDelta(checkpoint) : null,
              last ? checkpoint.relisted() : List.of(),
              checkpoint.historyReadUntil().map(StateCodec::micros).orElse(null),
              checkpoint.listedAt().map(StateCodec::micros).orElse(null),
              checkpoint.newestListed().map(StateCodec::micros).orElse(null),
              checkpoint.shortfallPolls(),
              checkpoint.synced());
      out.add(
          new FrameEncoder()
              .encode(
                  first ? update.newJobTags() : List.of(),
                  slice(events, i, EVENTS_PER_FRAME),
                  slice(jobs, i, JOBS_PER_FRAME),
                  first ? update.runs() : List.of(),
                  first ? update.queueWaits() : List.of(),
                  JSON.writeValueAsBytes(rest)));
    }
    return out;
  }

  /** Writes one frame: the body first, so that the tables it fills can go in front of it. */
  private static final class FrameEncoder {
    private final Map<String, Integer> strings = new LinkedHashMap<>();
    private final Map<List<String>, Integer> tagLists = new LinkedHashMap<>();
    private final Map<Map<String, String>, Integer> tagMaps = new LinkedHashMap<>();
    // Tag lists and maps are shared objects (one per distinct set): most lookups hit by identity.
    private final Map<List<String>, Integer> seenLists = new IdentityHashMap<>();
    private final Map<Map<String, String>, Integer> seenMaps = new IdentityHashMap<>();

    byte[] encode(
        List<List<String>> newJobTags,
        List<PollUpdate.CountedEvent> events,
        List<JobRecord> jobs,
        List<PollUpdate.Interval> runs,
        List<PollUpdate.Interval> queueWaits,
        byte[] rest) {
      BinaryOut body = new BinaryOut(64 + events.size() * 24 + jobs.size() * 40 + rest.length);
      body.putVarInt(newJobTags.size());
      newJobTags.forEach(tags -> body.putVarInt(tagList(tags)));
      body.putVarInt(events.size());
      long previous = 0;
      for (PollUpdate.CountedEvent c : events) {
        Event e = c.event();
        long micros = micros(e.timestamp());
        body.putZigZag(e.id());
        body.putZigZag(e.jobId());
        body.putZigZag(micros - previous);
        previous = micros;
        body.putVarInt(string(e.fromState()));
        body.putVarInt(string(e.toState()));
        body.putVarInt(string(c.site()));
        body.putZigZag(c.appId());
        body.putVarInt(tagList(c.tagValues()));
        Map<String, Object> data = e.data();
        boolean hasNodes = data.size() == 1 && data.get("num_nodes") instanceof Double;
        boolean hasPayload = !data.isEmpty() && !hasNodes;
        body.putByte(
            (c.late() ? LATE : 0) | (hasNodes ? HAS_NODES : 0) | (hasPayload ? HAS_PAYLOAD : 0));
        if (hasNodes) {
          body.putDouble((Double) data.get("num_nodes"));
        } else if (hasPayload) {
          body.putVarInt(string(payloadJson(data)));
        }
      }
      body.putVarInt(jobs.size());
      previous = 0;
      for (JobRecord j : jobs) {
        long micros = micros(j.lastUpdate());
        body.putZigZag(j.id());
        body.putZigZag(j.appId());
        body.putVarInt(string(j.state()));
        body.putDouble(j.nodeWeight());
        body.putVarInt(tagList(j.tagValues()));
        body.putZigZag(micros - previous);
        previous = micros;
        body.putZigZag(j.batchJobId());
        body.putVarInt(tagMap(j.tags()));
      }
      intervals(body, runs);
      intervals(body, queueWaits);
      body.putBytes(rest);

      BinaryOut frame = new BinaryOut(256);
      frame.putVarInt(strings.size());
      strings.keySet().forEach(frame::putString);
      frame.putVarInt(tagLists.size());
      for (List<String> list : tagLists.keySet()) {
        frame.putVarInt(list.size());
        list.forEach(v -> frame.putVarInt(strings.get(v)));
      }
      frame.putVarInt(tagMaps.size());
      for (Map<String, String> map : tagMaps.keySet()) {
        frame.putVarInt(map.size());
        map.forEach(
            (k, v) -> {
              frame.putVarInt(strings.get(k));
              frame.putVarInt(strings.get(v));
            });
      }
      byte[] head = frame.toByteArray();
      byte[] tail = body.toByteArray();
      byte[] all = Arrays.copyOf(head, head.length + tail.length);
      System.arraycopy(tail, 0, all, head.length, tail.length);
      return all;
    }

    private void intervals(BinaryOut body, List<PollUpdate.Interval> intervals) {
      body.putVarInt(intervals.size());
      for (PollUpdate.Interval interval : intervals) {
        body.putVarInt(string(interval.site()));
        body.putVarInt(string(interval.outcome()));
        body.putDouble(interval.seconds());
      }
    }

    private int string(String value) {
      return strings.computeIfAbsent(value, v -> strings.size());
    }

    private int tagList(List<String> values) {
      Integer known = seenLists.get(values);
      if (known == null) {
        values.forEach(this::string);
        known = tagLists.computeIfAbsent(values, v -> tagLists.size());
        seenLists.put(values, known);
      }
      return known;
    }

    private int tagMap(Map<String, String> tags) {
      Integer known = seenMaps.get(tags);
      if (known == null) {
        tags.forEach(
            (k, v) -> {
              string(k);
              string(v);
            });
        known = tagMaps.computeIfAbsent(tags, t -> tagMaps.size());
        seenMaps.put(tags, known);
      }
      return known;
    }
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
      strings[i] = value.length() <= INTERNED_CHARS ? value.intern() : value;
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
        data = payload(ref(strings, in.getVarInt()));
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
    Rest rest = JSON.readValue(in.getBytes(), Rest.class);
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
            Optional.ofNullable(rest.historyReadUntilMicros()).map(StateCodec::instant),
            Optional.ofNullable(rest.listedAtMicros()).map(StateCodec::instant),
            Optional.ofNullable(rest.newestListedMicros()).map(StateCodec::instant),
            rest.shortfallPolls(),
            rest.synced());
    return new Restored(update, checkpoint);
  }

  record Restored(PollUpdate update, Checkpoint checkpoint) {}

  private InventoryDelta inventoryDelta(Checkpoint checkpoint) {
    if (checkpoint.inventory().isEmpty()) {
      return null;
    }
    InventoryDelta delta = InventoryDelta.between(inventory, checkpoint.inventory().get());
    inventory = checkpoint.inventory().get();
    return delta;
  }

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

  static byte[] encode(Header header) throws IOException {
    return JSON.writeValueAsBytes(header);
  }

  static Header decodeHeader(byte[] bytes) throws IOException {
    return JSON.readValue(bytes, Header.class);
  }

  private static String payloadJson(Map<String, Object> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      // A map read from JSON always writes back.
      throw new IllegalStateException("cannot write an event payload as JSON", e);
    }
  }

  private static Map<String, Object> payload(String json) throws IOException {
    try {
      return JSON.readValue(json, PAYLOAD);
    } catch (JsonProcessingException e) {
      throw BinaryIn.malformed("event payload");
    }
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

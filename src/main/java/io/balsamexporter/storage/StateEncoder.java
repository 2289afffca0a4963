package io.balsamexporter.storage;

import static io.balsamexporter.storage.StateFormat.EVENTS_PER_FRAME;
import static io.balsamexporter.storage.StateFormat.HAS_NODES;
import static io.balsamexporter.storage.StateFormat.HAS_PAYLOAD;
import static io.balsamexporter.storage.StateFormat.JOBS_PER_FRAME;
import static io.balsamexporter.storage.StateFormat.JSON;
import static io.balsamexporter.storage.StateFormat.LATE;
import static io.balsamexporter.storage.StateFormat.micros;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes updates as the frames of {@link StateFormat}, one file's worth in order: each inventory is
 * written as the change from the one this encoder wrote before. {@link StateDecoder} reads them.
 */
final class StateEncoder {

  // The inventory as of the last update encoded: the next one is written as a delta from it.
  private Inventory inventory;

  /** An encoder for a new file. */
  StateEncoder() {
    this(Inventory.EMPTY);
  }

  /** An encoder that goes on writing a file whose updates left {@code inventory}. */
  StateEncoder(Inventory inventory) {
    this.inventory = inventory;
  }

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
      StateFormat.Rest rest =
          new StateFormat.Rest(
              first ? update.duplicates() : 0,
              first && update.indexedJobs().replacedAll(),
              last ? inventoryDelta(checkpoint) : null,
              last ? checkpoint.relisted() : List.of(),
              checkpoint.historyReadUntil().map(StateFormat::micros).orElse(null),
              checkpoint.listedAt().map(StateFormat::micros).orElse(null),
              checkpoint.newestListed().map(StateFormat::micros).orElse(null),
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
          body.putVarInt(string(StateFormat.payloadJson(data)));
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

  private InventoryDelta inventoryDelta(Checkpoint checkpoint) {
    if (checkpoint.inventory().isEmpty()) {
      return null;
    }
    InventoryDelta delta = InventoryDelta.between(inventory, checkpoint.inventory().get());
    inventory = checkpoint.inventory().get();
    return delta;
  }

  private static <T> List<T> slice(List<T> all, int part, int size) {
    int from = Math.min(all.size(), part * size);
    return all.subList(from, Math.min(all.size(), from + size));
  }

  private static int ceilDiv(int n, int d) {
    return (n + d - 1) / d;
  }
}

package io.balsamexporter.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.ingest.Checkpoint;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The content of one frame: a part of a poll's update with the checkpoint after it, in binary.
 * {@link StateEncoder} writes it and {@link StateDecoder} reads it back; this class holds what the
 * two share.
 *
 * <p>A frame names each string once: a table of the strings (sites, states, tag values and keys,
 * outcomes) comes first, then a table of the tag value lists and one of the tag maps, which the
 * events and jobs then refer to by index. Events follow in the update's order as id, job id and the
 * microseconds since the event before, states, site, app id, tag values, a flag byte (late; has a
 * node weight; has a payload) and the node weight of an event whose {@code data} is that weight
 * alone, or else its {@code data} as JSON in the string table, so that a restart restores the
 * payloads (already bounded when read from Balsam) that the event queries and failure counts read.
 * Jobs follow as the fields of {@link JobRecord}, then the closed intervals. What is small and rare
 * (the inventory's changes as an {@link InventoryDelta}, whose Balsam objects keep their wire JSON,
 * the relisted minutes and the checkpoint) ends the frame as JSON.
 */
final class StateFormat {
  static final ObjectMapper JSON = BalsamJson.mapper();

  /** The most events, and jobs, one frame carries: a first sync's update spans many frames. */
  static final int EVENTS_PER_FRAME = 50_000;

  static final int JOBS_PER_FRAME = 20_000;

  /** Flag bits of an event. */
  static final int LATE = 1;

  static final int HAS_NODES = 2;

  static final int HAS_PAYLOAD = 4;

  // Strings this short repeat (sites, states, tag values) and are interned when read back;
  // payloads, often longer and each seen once, are not.
  static final int INTERNED_CHARS = 256;

  private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {};

  private StateFormat() {}

  /**
   * The header frame: whose state the file holds, and when its snapshot was written.
   *
   * @param writtenMicros when the file was created or last compacted; null in files of format 2
   */
  record Header(
      int format,
      String server,
      String user,
      long sinceMicros,
      List<String> tagKeys,
      Long writtenMicros) {

    /** True when both name the same server, user, {@code --events.since} and tag keys. */
    boolean sameOwner(Header other) {
      return server.equals(other.server)
          && user.equals(other.user)
          && sinceMicros == other.sinceMicros
          && tagKeys.equals(other.tagKeys);
    }

    Header writtenAt(Instant time) {
      return new Header(format, server, user, sinceMicros, tagKeys, micros(time));
    }
  }

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

  static String payloadJson(Map<String, Object> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      // A map read from JSON always writes back.
      throw new IllegalStateException("cannot write an event payload as JSON", e);
    }
  }

  static Map<String, Object> payload(String json) throws IOException {
    try {
      return JSON.readValue(json, PAYLOAD);
    } catch (JsonProcessingException e) {
      throw BinaryIn.malformed("event payload");
    }
  }

  static byte[] encode(Header header) throws IOException {
    return JSON.writeValueAsBytes(header);
  }

  static Header decodeHeader(byte[] bytes) throws IOException {
    return JSON.readValue(bytes, Header.class);
  }

  static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
  }
}

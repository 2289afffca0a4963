package io.balsamexporter.bench.store;

import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of the key-value stores (MVStore, LMDB) and the columns of SQLite: an event or a job as the
 * state file holds it, its repeated strings (states, sites, tag values, tag sets) as codes of one
 * dictionary the store keeps beside them, as the state file's frames do with their string tables.
 */
final class RowCodec {
  private static final byte LATE = 1;
  private static final byte HAS_NODES = 2;
  private static final byte HAS_PAYLOAD = 4;

  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> texts = new ArrayList<>();
  private final List<String> added = new ArrayList<>();
  private final Map<Integer, List<String>> tagLists = new HashMap<>();
  private final Map<Integer, Map<String, String>> tagMaps = new HashMap<>();

  /** The code of {@code text}, given one now if it had none (then handed out by {@link #drain}). */
  int code(String text) {
    Integer known = codes.get(text);
    if (known == null) {
      known = texts.size();
      codes.put(text, known);
      texts.add(text);
      added.add(text);
    }
    return known;
  }

  /** Strings given a code since the last call, in code order: the store writes them. */
  List<String> drain() {
    List<String> out = List.copyOf(added);
    added.clear();
    return out;
  }

  /** The first code {@link #drain} returns now has. */
  int firstDrained() {
    return texts.size() - added.size();
  }

  /** Takes back a string of the dictionary when a store is read back. */
  void learn(int code, String text) {
    while (texts.size() <= code) {
      texts.add(null);
    }
    texts.set(code, text);
    codes.put(text, code);
  }

  String text(int code) {
    return texts.get(code);
  }

  int tagsCode(List<String> values) {
    return code(String.join("\u001f", values));
  }

  List<String> tags(int code) {
    // One shared list per set, as the exporter keeps them.
    return tagLists.computeIfAbsent(code, this::splitTags);
  }

  private List<String> splitTags(int code) {
    String joined = text(code);
    return joined.isEmpty() ? List.of() : Arrays.asList(joined.split("\u001f", -1));
  }

  int tagMapCode(Map<String, String> tags) {
    try {
      return code(BalsamJson.mapper().writeValueAsString(tags));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean hasNodes(Map<String, Object> data) {
    return data.size() == 1 && data.get("num_nodes") instanceof Double;
  }

  static String payload(Map<String, Object> data) {
    try {
      return BalsamJson.mapper().writeValueAsString(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> payloadOf(String json) {
    try {
      return BalsamJson.mapper().readValue(json, Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An event's value, its id being the key. */
  byte[] event(PollUpdate.CountedEvent c) {
    Event e = c.event();
    Out out = new Out();
    out.varLong(e.jobId());
    out.varLong(micros(e.timestamp()));
    out.varLong(code(e.fromState()));
    out.varLong(code(e.toState()));
    out.varLong(code(c.site()));
    out.varLong(c.appId());
    out.varLong(tagsCode(c.tagValues()));
    Map<String, Object> data = e.data();
    boolean nodes = hasNodes(data);
    boolean payload = !data.isEmpty() && !nodes;
    out.write((c.late() ? LATE : 0) | (nodes ? HAS_NODES : 0) | (payload ? HAS_PAYLOAD : 0));
    if (nodes) {
      out.fixed(Double.doubleToLongBits((Double) data.get("num_nodes")));
    } else if (payload) {
      byte[] json = payload(data).getBytes(StandardCharsets.UTF_8);
      out.varLong(json.length);
      out.write(json, 0, json.length);
    }
    return out.toByteArray();
  }

  PollUpdate.CountedEvent event(long id, ByteBuffer in) {
    long jobId = varLong(in);
    Instant at = instant(varLong(in));
    String from = text((int) varLong(in));
    String to = text((int) varLong(in));
    String site = text((int) varLong(in));
    long appId = varLong(in);
    List<String> tags = tags((int) varLong(in));
    byte flags = in.get();
    Map<String, Object> data = Map.of();
    if ((flags & HAS_NODES) != 0) {
      data = Map.of("num_nodes", Double.longBitsToDouble(in.getLong()));
    } else if ((flags & HAS_PAYLOAD) != 0) {
      byte[] json = new byte[(int) varLong(in)];
      in.get(json);
      data = payloadOf(new String(json, StandardCharsets.UTF_8));
    }
    return new PollUpdate.CountedEvent(
        new Event(id, jobId, at, from, to, data), site, appId, tags, (flags & LATE) != 0);
  }

  /** A job's value, its id being the key. */
  byte[] job(JobRecord j) {
    Out out = new Out();
    out.varLong(j.appId());
    out.varLong(code(j.state()));
    out.fixed(Double.doubleToLongBits(j.nodeWeight()));
    out.varLong(tagsCode(j.tagValues()));
    out.varLong(micros(j.lastUpdate()));
    out.varLong(j.batchJobId());
    out.varLong(tagMapCode(j.tags()));
    return out.toByteArray();
  }

  JobRecord job(long id, ByteBuffer in) {
    return new JobRecord(
        id,
        varLong(in),
        text((int) varLong(in)),
        Double.longBitsToDouble(in.getLong()),
        tags((int) varLong(in)),
        instant(varLong(in)),
        varLong(in),
        tagMap((int) varLong(in)));
  }

  @SuppressWarnings("unchecked")
  Map<String, String> tagMap(int code) {
    return tagMaps.computeIfAbsent(code, this::parseTagMap);
  }

  @SuppressWarnings("unchecked")
  private Map<String, String> parseTagMap(int code) {
    try {
      return BalsamJson.mapper().readValue(text(code), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
  }

  static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000);
  }

  /** Unsigned LEB128: ids, codes and times are never negative. */
  static long varLong(ByteBuffer in) {
    long value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = in.get();
      value |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return value;
      }
    }
  }

  private static final class Out extends ByteArrayOutputStream {
    Out() {
      super(48);
    }

    void varLong(long value) {
      while ((value & ~0x7fL) != 0) {
        write((int) ((value & 0x7f) | 0x80));
        value >>>= 7;
      }
      write((int) value);
    }

    void fixed(long value) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        write((int) (value >>> shift));
      }
    }
  }
}

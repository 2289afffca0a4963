package io.balsamexporter.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.PayloadBounds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * The {@code data} of the journal's events, within a stated bound of memory, for the queries that
 * show events as Balsam does. Three kinds of payload cost nothing an event:
 *
 * <ul>
 *   <li>none ({@code {}}), by far the most common;
 *   <li>a RUNNING event's {@code {"num_nodes": x}}, rebuilt from the journal's node weight;
 *   <li>a payload repeated across jobs (a site agent's {@code {"message": "Skipped stage in"}}, a
 *       server's session-expiry message): a short one is <em>shared</em>, given a code that the
 *       journal keeps in its packed column where a RUNNING event keeps its weight.
 * </ul>
 *
 * Any other payload is <em>distinct</em> (a launcher's error tail, an exception's text): the {@link
 * #kept()} most recent of them are held, each already bounded by {@link PayloadBounds}, and an
 * older one is forgotten, which a lookup says ({@link Payload.Missing}) so that the caller can ask
 * Balsam for it instead of showing it empty. Memory: at most {@value #MAX_SHARED} shared payloads
 * of at most {@value #MAX_SHARED_CHARS} characters, plus {@link #kept()} distinct ones of at most
 * {@link PayloadBounds#MAX_PAYLOAD_CHARS} characters and about 100 bytes of bookkeeping each, plus
 * a bitmap of the distinct ones' ids.
 *
 * <p>Not thread-safe: the journal's lock guards it.
 */
public final class EventPayloads {
  /** How many distinct payloads are kept unless told otherwise. */
  public static final int DEFAULT_KEPT = 20_000;

  /** The most shared payloads; the codes 0 (none) and {@link #DISTINCT} are reserved. */
  static final int MAX_SHARED = 4096;

  /** The longest payload, as compact JSON, that may be shared. */
  static final int MAX_SHARED_CHARS = 256;

  /** The code of an event without a payload. */
  static final int NONE = 0;

  /** The code of an event whose payload is distinct: kept, or forgotten. */
  static final int DISTINCT = 0xffff;

  private static final ObjectMapper JSON = BalsamJson.mapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final int kept;
  private final Map<String, Integer> sharedCodes = new HashMap<>();
  private final List<String> shared = new ArrayList<>(List.of("{}"));
  // Distinct payloads by event id, oldest counted first: the eldest goes when one too many is kept.
  private final LinkedHashMap<Integer, String> distinct;
  // Ids of the events whose payload is distinct, kept or not, RUNNING ones included: what tells a
  // forgotten payload from a rebuilt one.
  private final RoaringBitmap distinctIds = new RoaringBitmap();

  /** A lookup's answer. */
  public sealed interface Payload {
    /**
     * The event's payload as Balsam holds it, or as bounded when read.
     *
     * @param cut true when part of it was cut ({@link PayloadBounds})
     */
    record Known(Map<String, Object> data, boolean cut) implements Payload {}

    /** Held no more: only Balsam can say (its events filtered by {@code job_id}). */
    record Missing() implements Payload {}
  }

  /**
   * @param kept how many distinct payloads to hold at most, at least 0
   */
  public EventPayloads(int kept) {
    if (kept < 0) {
      throw new IllegalArgumentException("payloads kept must be at least 0, got " + kept);
    }
    this.kept = kept;
    this.distinct =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) {
            return size() > EventPayloads.this.kept;
          }
        };
  }

  public int kept() {
    return kept;
  }

  /**
   * Takes {@code event}'s payload as the journal adds the event, and returns what the journal keeps
   * in the event's packed column: a code for any event but a RUNNING one, whose column holds its
   * node weight (the returned value is then meaningless).
   *
   * @param journalId the id as the journal stores it
   */
  int add(Event event, int journalId) {
    Map<String, Object> data = event.data();
    boolean running = JobStates.RUNNING.equals(event.toState());
    if (data.isEmpty() || (running && onlyNodeWeight(data))) {
      return NONE;
    }
    String json = json(data);
    if (!running) {
      Integer code = sharedCode(json);
      if (code != null) {
        return code;
      }
    }
    distinctIds.add(journalId);
    distinct.put(journalId, json);
    return DISTINCT;
  }

  /**
   * The payload of the journal's event {@code journalId}, from what the journal holds of it.
   *
   * @param to the event's to-state code
   * @param code the payload code of a non-RUNNING event
   * @param nodes a RUNNING event's node weight, NaN when it had none
   */
  public Payload resolve(int journalId, int to, int code, double nodes) {
    if (to == StateCodes.RUNNING) {
      if (!distinctIds.contains(journalId)) {
        return new Payload.Known(
            Double.isNaN(nodes) ? Map.of() : Map.of("num_nodes", nodes), false);
      }
    } else if (code != DISTINCT) {
      return known(code < shared.size() ? shared.get(code) : "{}");
    }
    String json = distinct.get(journalId);
    return json == null ? new Payload.Missing() : known(json);
  }

  /** Distinct payloads held now. */
  public int distinctHeld() {
    return distinct.size();
  }

  /** Heap held, roughly: the texts at a byte a character, and the maps' entries. */
  public long bytes() {
    long chars = 0;
    for (String json : distinct.values()) {
      chars += json.length();
    }
    for (String json : shared) {
      chars += json.length();
    }
    return chars + 100L * (distinct.size() + shared.size()) + distinctIds.getSizeInBytes();
  }

  private Integer sharedCode(String json) {
    Integer code = sharedCodes.get(json);
    if (code != null || json.length() > MAX_SHARED_CHARS || shared.size() > MAX_SHARED) {
      return code;
    }
    shared.add(json);
    sharedCodes.put(json, shared.size() - 1);
    return shared.size() - 1;
  }

  private static boolean onlyNodeWeight(Map<String, Object> data) {
    // A Double only: an integer written by some other launcher would read back as a float.
    return data.size() == 1 && data.get("num_nodes") instanceof Double;
  }

  private static String json(Map<String, Object> data) {
    try {
      return JSON.writeValueAsString(data);
    } catch (JsonProcessingException e) {
      // A map read from JSON always writes back.
      throw new IllegalStateException("cannot write an event payload back as JSON", e);
    }
  }

  private static Payload known(String json) {
    try {
      Map<String, Object> data = JSON.readValue(json, MAP);
      return new Payload.Known(data, PayloadBounds.isCut(data));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read back a payload written here", e);
    }
  }
}

package io.balsamexporter.analytics;

import io.balsamexporter.balsam.JobStates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Job states as small codes, so that an event stores its two states in two bytes. Balsam's own
 * states have fixed codes, the same in every table; a name the API has never used gets the next
 * free one in the table that met it, up to a byte. Each journal, and each table of events read for
 * one report, holds its own, so that one exporter's odd states never use up another's codes.
 */
public final class StateCodes {
  /** Matches no event: the code of a state filter that names no state seen so far. */
  public static final int NONE = -1;

  /** The code of RUNNING, fixed because Balsam's states are coded in their life-cycle order. */
  public static final int RUNNING = JobStates.ALL.indexOf(JobStates.RUNNING);

  // 255 stays free: an unknown state stored in a byte reads back as 255 and matches no filter.
  private static final int MAX = 255;
  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> names = new ArrayList<>();

  /** A table that knows Balsam's states only. */
  public StateCodes() {
    JobStates.ALL.forEach(this::code);
  }

  // Synchronized: a report run under a journal's read lock may code a state it has never seen.

  /** The code of {@code state}, giving it one if it is new; {@link #NONE} once a byte is full. */
  public synchronized int code(String state) {
    Integer known = codes.get(state);
    if (known != null) {
      return known;
    }
    if (names.size() >= MAX) {
      return NONE;
    }
    int code = names.size();
    codes.put(state, code);
    names.add(state);
    return code;
  }

  /** The code of a state that may never have been seen; {@link #NONE} if it was not. */
  public synchronized int existing(String state) {
    return codes.getOrDefault(state, NONE);
  }

  public synchronized String name(int code) {
    return code >= 0 && code < names.size() ? names.get(code) : "";
  }
}

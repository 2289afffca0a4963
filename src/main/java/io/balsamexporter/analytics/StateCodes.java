package io.balsamexporter.analytics;

import io.balsamexporter.balsam.JobStates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Job states as small codes, so that an event stores its two states in two bytes. Balsam's own
 * states have fixed codes; a name the API has never used gets the next free one, up to a byte.
 */
public final class StateCodes {
  /** Matches no event: the code of a state filter that names no state seen so far. */
  public static final int NONE = -1;

  public static final int RUNNING;

  // 255 stays free: an unknown state stored in a byte reads back as 255 and matches no filter.
  private static final int MAX = 255;
  private static final Map<String, Integer> CODES = new HashMap<>();
  private static final List<String> NAMES = new ArrayList<>();

  static {
    JobStates.ALL.forEach(StateCodes::code);
    RUNNING = code(JobStates.RUNNING);
  }

  private StateCodes() {}

  /** The code of {@code state}, giving it one if it is new; {@link #NONE} once a byte is full. */
  public static synchronized int code(String state) {
    Integer known = CODES.get(state);
    if (known != null) {
      return known;
    }
    if (NAMES.size() >= MAX) {
      return NONE;
    }
    int code = NAMES.size();
    CODES.put(state, code);
    NAMES.add(state);
    return code;
  }

  /** The code of a state that may never have been seen; {@link #NONE} if it was not. */
  public static synchronized int existing(String state) {
    return CODES.getOrDefault(state, NONE);
  }

  public static synchronized String name(int code) {
    return code >= 0 && code < NAMES.size() ? NAMES.get(code) : "";
  }
}

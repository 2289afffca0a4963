package io.balsamexporter.balsam;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds an event's {@code data} as it is read, so that what the exporter keeps of one event is a
 * few KiB however large the payload Balsam holds: a launcher records the last lines of a job's
 * output there, and nothing stops a job from printing a megabyte on one line.
 *
 * <p>The strings of one payload (keys and values, in order) share a budget of {@link
 * #MAX_PAYLOAD_CHARS} characters: a string that does not fit in what is left keeps its head and its
 * tail (where an error tail says what went wrong) around a marker that says how much was cut; a map
 * or list keeps its first {@link #MAX_ENTRIES} entries, a key at least its first {@link
 * #MAX_KEY_CHARS} characters; nesting past {@link #MAX_DEPTH} becomes a marker. A lone UTF-16
 * surrogate, which no UTF-8 writer can encode, becomes U+FFFD. Everything else is kept as read: NUL
 * bytes, escapes and markup are text, escaped by whoever writes it out.
 */
public final class PayloadBounds {
  /** The most UTF-16 characters the strings of one payload keep together, markers included. */
  public static final int MAX_PAYLOAD_CHARS = 4096;

  /** The most entries a map or list of a payload keeps. */
  public static final int MAX_ENTRIES = 64;

  /** The most characters a key keeps, however little of the payload's budget is left. */
  public static final int MAX_KEY_CHARS = 128;

  /** How deep maps and lists nest before the rest is replaced by a marker. */
  public static final int MAX_DEPTH = 8;

  /** Starts every marker, so that a reader can tell a cut payload from a whole one. */
  public static final String CUT_MARK = "[balsam-exporter cut ";

  // Room for the marker itself, so that a cut string stays within what was left for it.
  private static final int MARK_ROOM = 48;
  private static final String CUT_ENTRIES_KEY = "…";

  private PayloadBounds() {}

  /** {@code data} within the bounds; the same instance when it already was. */
  public static Map<String, Object> bound(Map<String, Object> data) {
    return boundMap(data, 1, new int[] {MAX_PAYLOAD_CHARS});
  }

  /** True if {@code value} holds a marker of this class, i.e. something of it was cut. */
  public static boolean isCut(Object value) {
    if (value instanceof String text) {
      return text.contains(CUT_MARK);
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (CUT_ENTRIES_KEY.equals(entry.getKey()) || isCut(entry.getValue())) {
          return true;
        }
      }
      return false;
    }
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (isCut(item)) {
          return true;
        }
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private static Object boundValue(Object value, int depth, int[] left) {
    if (value instanceof String text) {
      return boundString(text, left);
    }
    if (value instanceof Map<?, ?> map) {
      return depth >= MAX_DEPTH
          ? CUT_MARK + "nesting]"
          : boundMap((Map<String, Object>) map, depth, left);
    }
    if (value instanceof List<?> list) {
      return depth >= MAX_DEPTH
          ? CUT_MARK + "nesting]"
          : boundList((List<Object>) list, depth, left);
    }
    return value;
  }

  // left[0]: the characters the payload's strings may still take.
  private static Map<String, Object> boundMap(Map<String, Object> map, int depth, int[] left) {
    if (map.isEmpty()) {
      return map;
    }
    Map<String, Object> bounded = null;
    int index = 0;
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      if (index == MAX_ENTRIES) {
        bounded = bounded == null ? copyFirst(map, index) : bounded;
        bounded.put(CUT_ENTRIES_KEY, CUT_MARK + (map.size() - MAX_ENTRIES) + " entries]");
        break;
      }
      String key = boundKey(entry.getKey(), left);
      Object value = boundValue(entry.getValue(), depth + 1, left);
      if (bounded == null && (key != entry.getKey() || value != entry.getValue())) {
        bounded = copyFirst(map, index);
      }
      if (bounded != null) {
        bounded.put(key, value);
      }
      index++;
    }
    return bounded == null ? map : bounded;
  }

  private static Map<String, Object> copyFirst(Map<String, Object> map, int count) {
    Map<String, Object> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : map.entrySet()) {
      if (copy.size() == count) {
        break;
      }
      copy.put(entry.getKey(), entry.getValue());
    }
    return copy;
  }

  private static List<Object> boundList(List<Object> list, int depth, int[] left) {
    List<Object> bounded = null;
    int kept = Math.min(list.size(), MAX_ENTRIES);
    for (int i = 0; i < kept; i++) {
      Object item = list.get(i);
      Object value = boundValue(item, depth + 1, left);
      if (bounded == null && value != item) {
        bounded = new ArrayList<>(list.subList(0, i));
      }
      if (bounded != null) {
        bounded.add(value);
      }
    }
    if (list.size() > MAX_ENTRIES) {
      bounded = bounded == null ? new ArrayList<>(list.subList(0, kept)) : bounded;
      bounded.add(CUT_MARK + (list.size() - MAX_ENTRIES) + " entries]");
    }
    return bounded == null ? list : bounded;
  }

  /**
   * A key keeps up to {@link #MAX_KEY_CHARS} whatever the budget left, so that the keys of a
   * payload whose values were cut stay apart.
   */
  private static String boundKey(String key, int[] left) {
    int[] room = {Math.max(MAX_KEY_CHARS, left[0])};
    String kept = boundString(key, room);
    left[0] = Math.max(0, left[0] - kept.length());
    return kept;
  }

  private static String boundString(String text, int[] left) {
    String kept = text.length() > left[0] ? cut(text, left[0]) : text;
    left[0] = Math.max(0, left[0] - kept.length());
    return hasLoneSurrogate(kept) ? replaceLoneSurrogates(kept) : kept;
  }

  /** {@code text} in at most {@code room} characters: a quarter head, the rest tail. */
  private static String cut(String text, int room) {
    int keep = Math.max(0, room - MARK_ROOM);
    if (keep < 8) {
      return CUT_MARK + text.length() + " characters]";
    }
    int headEnd = keep / 4;
    int tailStart = text.length() - (keep - headEnd);
    // Never split a surrogate pair.
    if (Character.isHighSurrogate(text.charAt(headEnd - 1))) {
      headEnd--;
    }
    if (Character.isLowSurrogate(text.charAt(tailStart))) {
      tailStart++;
    }
    return text.substring(0, headEnd)
        + "\n"
        + CUT_MARK
        + (tailStart - headEnd)
        + " characters]\n"
        + text.substring(tailStart);
  }

  private static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return true;
        }
      } else if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static String replaceLoneSurrogates(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}

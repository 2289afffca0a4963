package io.balsamexporter.sim.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL stores JSON objects as JSONB, which keeps keys sorted shortest first, then by their
 * UTF-8 bytes; that is why the real server returns {@code {"stage":…,"experiment":…}} whatever
 * order the client sent. Maps stored by the simulator are put in that order once, on write.
 */
public final class JsonbOrder {
  private static final Comparator<String> KEY_ORDER =
      Comparator.comparingInt((String k) -> utf8(k).length)
          .thenComparing((a, b) -> Arrays.compareUnsigned(utf8(a), utf8(b)));

  private JsonbOrder() {}

  /** An unmodifiable copy of {@code map} in JSONB key order, nested objects included. */
  public static Map<String, Object> ordered(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    List<String> keys = new ArrayList<>(map.keySet());
    keys.sort(KEY_ORDER);
    Map<String, Object> copy = new LinkedHashMap<>(keys.size() * 2);
    for (String key : keys) {
      copy.put(key, orderedValue(map.get(key)));
    }
    return Collections.unmodifiableMap(copy);
  }

  /** The same key order, one level deep, for maps whose values are not JSON objects (tags). */
  public static <V> Map<String, V> sortedKeys(Map<String, V> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    List<String> keys = new ArrayList<>(map.keySet());
    keys.sort(KEY_ORDER);
    Map<String, V> copy = new LinkedHashMap<>(keys.size() * 2);
    for (String key : keys) {
      copy.put(key, map.get(key));
    }
    return Collections.unmodifiableMap(copy);
  }

  @SuppressWarnings("unchecked")
  private static Object orderedValue(Object value) {
    if (value instanceof Map<?, ?> nested) {
      return ordered((Map<String, ?>) nested);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(JsonbOrder::orderedValue).toList();
    }
    return value;
  }

  private static byte[] utf8(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}

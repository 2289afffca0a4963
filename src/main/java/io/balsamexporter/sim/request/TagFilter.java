package io.balsamexporter.sim.request;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A list of {@code key:value} filter strings as the server turns them into a JSON containment test:
 * split at the first {@code :}, entries without one dropped, a repeated key keeps its last value,
 * and a value matches only a JSON string equal to it.
 */
public record TagFilter(Map<String, String> required) {

  public static TagFilter parse(List<String> entries) {
    Map<String, String> required = new LinkedHashMap<>();
    for (String entry : entries) {
      int colon = entry.indexOf(':');
      if (colon >= 0) {
        required.put(entry.substring(0, colon), entry.substring(colon + 1));
      }
    }
    return new TagFilter(Map.copyOf(required));
  }

  /** Whether {@code dictionary} contains every required pair ({@code @>} in PostgreSQL). */
  public boolean matches(Map<String, ?> dictionary) {
    for (Map.Entry<String, String> pair : required.entrySet()) {
      if (!(dictionary.get(pair.getKey()) instanceof String value
          && value.equals(pair.getValue()))) {
        return false;
      }
    }
    return true;
  }

  public boolean isEmpty() {
    return required.isEmpty();
  }
}

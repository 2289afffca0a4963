package io.balsamexporter.ingest;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One shared, unmodifiable map per distinct set of job tags: a campaign of a million jobs usually
 * has a few hundred tag sets, so the job index keeps a few hundred maps, not a million.
 */
public final class TagSets {
  private final Map<Map<String, String>, Map<String, String>> shared = new HashMap<>();

  public synchronized Map<String, String> intern(Map<String, String> tags) {
    if (tags.isEmpty()) {
      return Map.of();
    }
    Map<String, String> known = shared.get(tags);
    if (known != null) {
      return known;
    }
    Map<String, String> copy = new LinkedHashMap<>();
    tags.forEach((k, v) -> copy.put(k.intern(), v.intern()));
    Map<String, String> frozen = java.util.Collections.unmodifiableMap(copy);
    shared.put(frozen, frozen);
    return frozen;
  }
}

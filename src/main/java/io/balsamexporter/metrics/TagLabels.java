package io.balsamexporter.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Job tags the operator chose as labels ({@code experiment} becomes {@code tag_experiment}), each
 * keeping at most {@code limit} distinct values so that a tag with unbounded values cannot blow up
 * the series count; later values become {@link #OTHER}.
 */
final class TagLabels {
  static final String OTHER = "__other__";

  private final List<String> keys;
  private final List<Set<String>> admitted = new ArrayList<>();
  private final int limit;

  TagLabels(List<String> keys, int limit) {
    this.keys = List.copyOf(keys);
    this.limit = limit;
    keys.forEach(k -> admitted.add(new HashSet<>()));
  }

  /** The label names, in the order of the configured keys. */
  List<String> labelNames() {
    return keys.stream().map(k -> "tag_" + k).toList();
  }

  /** {@code base} followed by the tag label names: the labels of a family split by tags. */
  String[] withTagNames(String... base) {
    List<String> all = new ArrayList<>(List.of(base));
    all.addAll(labelNames());
    return all.toArray(String[]::new);
  }

  /** Gives each of a job's values a label value of its own while there is room. */
  void admit(List<String> values) {
    for (int i = 0; i < keys.size() && i < values.size(); i++) {
      Set<String> seen = admitted.get(i);
      String value = values.get(i);
      if (!value.isEmpty() && seen.size() < limit) {
        seen.add(value);
      }
    }
  }

  /**
   * Maps a job's tag values to label values, admitting new values while there is room.
   *
   * @param overflow told the label name of each value that became {@link #OTHER}
   */
  List<String> labelValues(List<String> values, java.util.function.Consumer<String> overflow) {
    if (keys.isEmpty()) {
      return List.of();
    }
    admit(values);
    List<String> mapped = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      String value = i < values.size() ? values.get(i) : "";
      // A job without the tag exports "", which costs no slot.
      if (value.isEmpty() || admitted.get(i).contains(value)) {
        mapped.add(value);
      } else {
        mapped.add(OTHER);
        overflow.accept("tag_" + keys.get(i));
      }
    }
    return mapped;
  }

  /** How many distinct values each label keeps; the app label keeps as many apps. */
  int limit() {
    return limit;
  }

  boolean isEmpty() {
    return keys.isEmpty();
  }
}

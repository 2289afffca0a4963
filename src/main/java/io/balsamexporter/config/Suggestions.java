package io.balsamexporter.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/** The "did you mean" for a mistyped key: the closest known name by edit distance, if close. */
final class Suggestions {
  private Suggestions() {}

  /**
   * {@code "; did you mean X?"} when a candidate is close to {@code typed}, else "". A prefix that
   * every candidate shares, such as {@code BALSAM_EXPORTER_}, is left out of the comparison so that
   * it does not make unrelated names look close.
   */
  static String didYouMean(String typed, Collection<String> candidates, String sharedPrefix) {
    String key = comparable(typed, sharedPrefix);
    return candidates.stream()
        .min(
            Comparator.comparingInt(
                candidate -> distance(key, comparable(candidate, sharedPrefix))))
        .filter(best -> isClose(key, comparable(best, sharedPrefix)))
        .map(best -> "; did you mean " + best + "?")
        .orElse("");
  }

  private static String comparable(String name, String sharedPrefix) {
    String lower = name.toLowerCase(Locale.ROOT);
    String prefix = sharedPrefix.toLowerCase(Locale.ROOT);
    return lower.startsWith(prefix) ? lower.substring(prefix.length()) : lower;
  }

  private static boolean isClose(String typed, String candidate) {
    int allowed = Math.max(2, candidate.length() / 4);
    return distance(typed, candidate) <= allowed;
  }

  /** Levenshtein distance; names are short, so the quadratic table is cheap. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

package io.balsamexporter.analytics;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The three reports, by the name they have in URLs and on the command line. */
public enum ReportKind {
  THROUGHPUT("throughput"),
  UTILIZATION("utilization"),
  AVAILABLE_NODES("available-nodes");

  private final String path;

  ReportKind(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }

  public static Optional<ReportKind> byPath(String path) {
    return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
  }

  /** "throughput, utilization or available-nodes", for error messages. */
  public static String choices() {
    String all = Arrays.stream(values()).map(ReportKind::path).collect(Collectors.joining(", "));
    int last = all.lastIndexOf(", ");
    return all.substring(0, last) + " or " + all.substring(last + 2);
  }
}

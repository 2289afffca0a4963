package io.balsamexporter.metrics;

/** Histogram bucket bounds, in seconds. */
final class Buckets {
  /** HPC work: from seconds-long tasks to week-long campaigns in the queue. */
  static final double[] HPC_SECONDS = {
    1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200, 14400, 28800, 43200, 86400, 172800, 345600,
    604800
  };

  /** One poll: a few requests normally, minutes for the first sync of a large history. */
  static final double[] POLL_SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900};

  private Buckets() {}
}

package io.balsamexporter.analytics;

/**
 * The most recently counted journal events in the order the exporter counted them, numbered from 1:
 * what {@code counted_after} follows, so that a late event (stamped long ago, counted now) is shown
 * when it arrives, which no cursor over timestamps can do. 20 bytes an event, {@link #CAPACITY}
 * events: older ones are forgotten, and a follower that fell further behind is told so.
 */
final class CountedRing {
  static final int CAPACITY = 1 << 16;
  private static final int MASK = CAPACITY - 1;

  private final long[] micros = new long[CAPACITY];
  private final int[] ids = new int[CAPACITY];
  private final int[] jobs = new int[CAPACITY];
  private final int[] packed = new int[CAPACITY];
  private long counted;

  /** Events counted so far: the number of the last one. */
  long counted() {
    return counted;
  }

  void add(long time, int id, int job, int code) {
    int at = (int) (counted & MASK);
    micros[at] = time;
    ids[at] = id;
    jobs[at] = job;
    packed[at] = code;
    counted++;
  }

  /**
   * Walks the events counted after number {@code after}, in counted order.
   *
   * @throws ReportException when some of them are forgotten already, or {@code after} is beyond the
   *     last (an exporter that restarted since)
   */
  void forEachAfter(long after, Visitor visitor) throws ReportException {
    if (after > counted) {
      throw new ReportException(
          "counted_after="
              + after
              + " is beyond the "
              + counted
              + " events counted so far: the exporter restarted; start following again");
    }
    if (counted - after > CAPACITY) {
      throw new ReportException(
          "counted_after="
              + after
              + " fell behind: more than "
              + CAPACITY
              + " events were counted since; start following again");
    }
    for (long n = after; n < counted; n++) {
      int at = (int) (n & MASK);
      visitor.visit(n + 1, micros[at], ids[at], jobs[at], packed[at]);
    }
  }

  @FunctionalInterface
  interface Visitor {
    void visit(long number, long micros, int id, int job, int packed);
  }

  long bytes() {
    return (long) CAPACITY * JournalChunk.BYTES_PER_SLOT;
  }
}

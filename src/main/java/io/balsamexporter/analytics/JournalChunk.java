package io.balsamexporter.analytics;

/**
 * Up to {@link #CAPACITY} journal events in (timestamp, id) order, one primitive column per field:
 * 20 bytes an event. A late event is inserted in place; a full chunk splits in two, so an insert
 * moves at most one chunk's worth of entries.
 */
final class JournalChunk {
  static final int CAPACITY = 4096;

  /** Bytes per event slot: micros 8, id 4, job 4, states and weight 4. */
  static final int BYTES_PER_SLOT = 20;

  final long[] micros = new long[CAPACITY];
  final int[] ids = new int[CAPACITY];
  final int[] jobs = new int[CAPACITY];
  // from state << 24 | to state << 16 | weight code
  final int[] packed = new int[CAPACITY];
  int size;

  boolean full() {
    return size == CAPACITY;
  }

  /** Compares (micros, id) with the entry at {@code i}; ids compare unsigned. */
  int compareTo(int i, long time, int id) {
    int byTime = Long.compare(time, micros[i]);
    return byTime != 0 ? byTime : Integer.compareUnsigned(id, ids[i]);
  }

  /** Where (time, id) goes: the first entry greater than it. */
  int insertionPoint(long time, int id) {
    int low = 0;
    int high = size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (compareTo(mid, time, id) >= 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  void insert(int at, long time, int id, int job, int code) {
    int tail = size - at;
    if (tail > 0) {
      System.arraycopy(micros, at, micros, at + 1, tail);
      System.arraycopy(ids, at, ids, at + 1, tail);
      System.arraycopy(jobs, at, jobs, at + 1, tail);
      System.arraycopy(packed, at, packed, at + 1, tail);
    }
    micros[at] = time;
    ids[at] = id;
    jobs[at] = job;
    packed[at] = code;
    size++;
  }

  /** Moves the upper half into a new chunk and returns it. */
  JournalChunk splitOff() {
    JournalChunk upper = new JournalChunk();
    int keep = size / 2;
    int moved = size - keep;
    System.arraycopy(micros, keep, upper.micros, 0, moved);
    System.arraycopy(ids, keep, upper.ids, 0, moved);
    System.arraycopy(jobs, keep, upper.jobs, 0, moved);
    System.arraycopy(packed, keep, upper.packed, 0, moved);
    upper.size = moved;
    size = keep;
    return upper;
  }

  static int pack(int from, int to, int weight) {
    return (from & 0xff) << 24 | (to & 0xff) << 16 | (weight & 0xffff);
  }

  static int from(int code) {
    return code >>> 24;
  }

  static int to(int code) {
    return (code >>> 16) & 0xff;
  }

  static int weight(int code) {
    return code & 0xffff;
  }
}

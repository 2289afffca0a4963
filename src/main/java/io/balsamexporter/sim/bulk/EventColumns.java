package io.balsamexporter.sim.bulk;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.sim.catalog.Micros;
import io.balsamexporter.sim.store.EventData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events of a bulk build in primitive columns, before they get ids: the stamp the site gave, the
 * moment the server received them, and which shared state names and data they carry. Ids are then
 * handed out in order of arrival, which is what makes late events late.
 */
final class EventColumns {
  private long[] stamp;
  private long[] arrival;
  private int[] job;
  private byte[] from;
  private byte[] to;
  private int[] data;
  private int size;
  private final List<Map<String, Object>> dataTable = new ArrayList<>();
  private final Map<Map<String, Object>, Integer> dataIndex = new IdentityHashMap<>();

  EventColumns(int expected) {
    int capacity = Math.max(16, expected);
    stamp = new long[capacity];
    arrival = new long[capacity];
    job = new int[capacity];
    from = new byte[capacity];
    to = new byte[capacity];
    data = new int[capacity];
  }

  int size() {
    return size;
  }

  /** Adds one event; {@code eventData} should be a shared instance (see {@link EventData}). */
  void add(
      int jobIndex,
      long stampMicros,
      long arrivalMicros,
      int fromState,
      int toState,
      Map<String, Object> eventData) {
    if (size == stamp.length) {
      grow();
    }
    stamp[size] = stampMicros;
    arrival[size] = arrivalMicros;
    job[size] = jobIndex;
    from[size] = (byte) fromState;
    to[size] = (byte) toState;
    data[size] =
        dataIndex.computeIfAbsent(
            eventData,
            d -> {
              dataTable.add(d);
              return dataTable.size() - 1;
            });
    size++;
  }

  private void grow() {
    int capacity = stamp.length + (stamp.length >> 1);
    stamp = Arrays.copyOf(stamp, capacity);
    arrival = Arrays.copyOf(arrival, capacity);
    job = Arrays.copyOf(job, capacity);
    from = Arrays.copyOf(from, capacity);
    to = Arrays.copyOf(to, capacity);
    data = Arrays.copyOf(data, capacity);
  }

  /**
   * The event indexes in order of arrival; ties keep generation order, which within a job is its
   * causal order. Sorted as packed longs (arrival in the high bits, index in the low bits).
   */
  int[] arrivalOrder() {
    int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, size));
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      min = Math.min(min, arrival[i]);
      max = Math.max(max, arrival[i]);
    }
    long span = size == 0 ? 0 : max - min;
    int shift = 0;
    while ((64 - Long.numberOfLeadingZeros(span >> shift)) + indexBits > 63) {
      shift++;
    }
    long[] keys = new long[size];
    for (int i = 0; i < size; i++) {
      keys[i] = (((arrival[i] - min) >> shift) << indexBits) | i;
    }
    Arrays.parallelSort(keys);
    long mask = (1L << indexBits) - 1;
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = (int) (keys[i] & mask);
    }
    return order;
  }

  long stamp(int i) {
    return stamp[i];
  }

  long arrival(int i) {
    return arrival[i];
  }

  int job(int i) {
    return job[i];
  }

  Event toEvent(int i, long id, long jobId, List<String> states) {
    return new Event(
        id,
        jobId,
        Micros.instant(stamp[i]),
        states.get(from[i]),
        states.get(to[i]),
        dataTable.get(data[i]));
  }
}

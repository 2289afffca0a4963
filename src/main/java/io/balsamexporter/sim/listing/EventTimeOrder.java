package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.sim.request.TimeRange;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The event table's positions sorted by (timestamp, id): the order of {@code ordering=timestamp}. A
 * listing that filters on time alone (what a poller asks for) then finds its {@code count} by two
 * binary searches and its page by reading a slice, instead of passing over every event; without it,
 * paging through a history of N events costs N²/(2 × page size) row visits.
 *
 * <p>The event table only grows (Balsam's EventLog is append-only), so new rows are sorted and
 * merged in on the next query; a table changed otherwise (job deletions remove events) is sorted
 * anew. Memory: one int per event.
 */
final class EventTimeOrder {
  private int[] sorted = new int[0];
  private final IndexedPrefix indexed = new IndexedPrefix();

  /** The events in ranks {@code [from, to)} of the order, read from the table it was made for. */
  static final class Slice {
    private final List<Event> events;
    private final int[] order;
    final int from;
    final int to;

    private Slice(List<Event> events, int[] order, int from, int to) {
      this.events = events;
      this.order = order;
      this.from = from;
      this.to = to;
    }

    int size() {
      return to - from;
    }

    /** The event of rank {@code k}, {@code from <= k < to}. */
    Event get(int k) {
      return events.get(order[k]);
    }
  }

  /**
   * The events whose timestamps lie in {@code range}, in (timestamp, id) order. Call under the
   * store's read lock, and read the slice before releasing it.
   */
  synchronized Slice slice(List<Event> events, TimeRange range) {
    catchUp(events);
    int from = range.atOrAfter().map(t -> firstAtOrAfter(events, BalsamTime.toMicros(t))).orElse(0);
    int to =
        range
            .atOrBefore()
            .map(t -> firstAtOrAfter(events, BalsamTime.toMicros(t) + 1))
            .orElse(indexed.size());
    return new Slice(events, sorted, from, Math.max(from, to));
  }

  private int firstAtOrAfter(List<Event> events, long micros) {
    int low = 0;
    int high = indexed.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (micros(events, sorted[mid]) < micros) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private void catchUp(List<Event> events) {
    if (!indexed.stillPrefixOf(events)) {
      sorted = new int[0];
      indexed.reset();
    }
    if (events.size() == indexed.size()) {
      return;
    }
    sorted = merge(events, sorted, sortedPositions(events, indexed.size(), events.size()));
    indexed.coverAll(events);
  }

  private static int[] sortedPositions(List<Event> events, int from, int to) {
    int n = to - from;
    long[] keys = new long[n];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      keys[i] = micros(events, from + i);
      order[i] = i;
    }
    // Stable, so ties keep id order (the table is in id order).
    mergeSort(order, new int[n], keys, 0, n);
    for (int i = 0; i < n; i++) {
      order[i] += from;
    }
    return order;
  }

  private static void mergeSort(int[] order, int[] scratch, long[] keys, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int mid = (from + to) >>> 1;
    mergeSort(order, scratch, keys, from, mid);
    mergeSort(order, scratch, keys, mid, to);
    if (keys[order[mid - 1]] <= keys[order[mid]]) {
      return; // already in order: the common case, as most events arrive in time order
    }
    System.arraycopy(order, from, scratch, from, to - from);
    int i = from;
    int j = mid;
    for (int k = from; k < to; k++) {
      if (j >= to || (i < mid && keys[scratch[i]] <= keys[scratch[j]])) {
        order[k] = scratch[i++];
      } else {
        order[k] = scratch[j++];
      }
    }
  }

  private static int[] merge(List<Event> events, int[] old, int[] added) {
    if (old.length == 0) {
      return added;
    }
    int[] merged = Arrays.copyOf(old, old.length + added.length);
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < old.length && j < added.length) {
      // Ties go to the old row, which has the lower id.
      merged[k++] = micros(events, added[j]) < micros(events, old[i]) ? added[j++] : old[i++];
    }
    while (i < old.length) {
      merged[k++] = old[i++];
    }
    while (j < added.length) {
      merged[k++] = added[j++];
    }
    return merged;
  }

  private static long micros(List<Event> events, int position) {
    Instant timestamp = events.get(position).timestamp();
    return BalsamTime.toMicros(timestamp);
  }
}

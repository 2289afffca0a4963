package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Event;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where events that may satisfy {@code timestamp >= T} start in the id-ordered event table,
 * so a poller's {@code timestamp_after} query scans only the tail instead of every event.
 *
 * <p>Late arrivals make timestamps non-monotonic in id order, so no binary search over the events
 * themselves is valid. Instead this keeps, per block of {@value #BLOCK} events, the largest
 * timestamp seen from the start of the table to the end of that block: a non-decreasing sequence.
 * Every event before the first block whose running maximum reaches T is older than T, so scanning
 * can start at that block. The index grows by appending (the event table is append-only, as
 * Balsam's EventLog is) and is rebuilt if the table was changed otherwise. Memory: one long per
 * 1024 events.
 */
final class EventTimeIndex {
  static final int BLOCK = 1024;

  private long[] runningMaxMicros = new long[16];
  private final IndexedPrefix indexed = new IndexedPrefix();
  private long runningMax = Long.MIN_VALUE;

  /**
   * The first position in {@code events} from which an event can have a timestamp at or after
   * {@code bound}. Call under the store's read lock, with the table that lock guards.
   */
  synchronized int scanStart(List<Event> events, Instant bound) {
    catchUp(events);
    long boundMicros = BalsamTime.toMicros(bound);
    int blocks = blockCount(indexed.size());
    int low = 0;
    int high = blocks;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (runningMaxMicros[mid] >= boundMicros) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return Math.min(low * BLOCK, events.size());
  }

  private void catchUp(List<Event> events) {
    if (!indexed.stillPrefixOf(events)) {
      indexed.reset();
      runningMax = Long.MIN_VALUE;
    }
    int size = events.size();
    int blocks = blockCount(size);
    if (blocks > runningMaxMicros.length) {
      runningMaxMicros =
          Arrays.copyOf(runningMaxMicros, Math.max(blocks, 2 * runningMaxMicros.length));
    }
    for (int i = indexed.size(); i < size; i++) {
      runningMax = Math.max(runningMax, BalsamTime.toMicros(events.get(i).timestamp()));
      runningMaxMicros[i / BLOCK] = runningMax;
    }
    indexed.coverAll(events);
  }

  private static int blockCount(int events) {
    return (events + BLOCK - 1) / BLOCK;
  }
}

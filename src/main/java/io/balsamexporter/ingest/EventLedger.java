package io.balsamexporter.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * What has been counted so far: the ids of counted events, and how many counted events each minute
 * of event time holds. The ids make counting idempotent; the per-minute tallies let a poll compare
 * its own count of a time range with the API's {@code count} for the same range, so an event that
 * the polls of changed jobs missed is found without re-reading history.
 *
 * <p>Ids are server-assigned PostgreSQL integers, dense per server, so a Roaring bitmap holds
 * millions of them in a few bytes each. Those below 2^32 (every id of a server that has not written
 * four billion events) go to a 32-bit bitmap, which a first sync asks about once per event and
 * answers several times faster than the 64-bit one; the 64-bit one holds the rest.
 */
final class EventLedger {
  private final RoaringBitmap counted32 = new RoaringBitmap();
  private final Roaring64Bitmap counted64 = new Roaring64Bitmap();
  // Counts held in one-element arrays, so that the minute of the last event recorded, which the
  // next one most often shares (a listing comes in time order), is counted without a tree lookup.
  private final TreeMap<Long, int[]> perMinute = new TreeMap<>();
  private long lastMinute;
  private int[] lastTally;
  private Instant newest;

  static long minuteOf(Instant timestamp) {
    return Math.floorDiv(timestamp.getEpochSecond(), 60);
  }

  static Instant startOfMinute(long minute) {
    return Instant.ofEpochSecond(minute * 60);
  }

  static Instant floorToMinute(Instant timestamp) {
    return timestamp.truncatedTo(ChronoUnit.MINUTES);
  }

  boolean isCounted(long eventId) {
    // An id below 2^32 is its int's unsigned value, as RoaringBitmap reads it.
    return (eventId >>> 32) == 0 ? counted32.contains((int) eventId) : counted64.contains(eventId);
  }

  /** Marks an event counted; returns false when it had been counted already. */
  boolean record(long eventId, Instant timestamp) {
    if ((eventId >>> 32) == 0) {
      if (!counted32.checkedAdd((int) eventId)) {
        return false;
      }
    } else if (counted64.contains(eventId)) {
      return false;
    } else {
      counted64.addLong(eventId);
    }
    long minute = minuteOf(timestamp);
    if (lastTally == null || minute != lastMinute) {
      lastTally = perMinute.computeIfAbsent(minute, m -> new int[1]);
      lastMinute = minute;
    }
    lastTally[0]++;
    if (newest == null || timestamp.isAfter(newest)) {
      newest = timestamp;
    }
    return true;
  }

  /** The newest event time counted, or null before any event. */
  Instant newest() {
    return newest;
  }

  long countedEvents() {
    return counted32.getLongCardinality() + counted64.getLongCardinality();
  }

  /** Counted events whose time lies in the minutes {@code [fromMinute, toMinute)}. */
  long countInMinutes(long fromMinute, long toMinute) {
    long sum = 0;
    for (int[] n : perMinute.subMap(fromMinute, true, toMinute, false).values()) {
      sum += n[0];
    }
    return sum;
  }

  /**
   * After a range was re-listed in full, its tallies become what the server holds now: events of
   * deleted jobs drop out of the tally (their ids stay counted, so they are never counted again).
   */
  void replaceTallies(long fromMinute, long toMinute, Map<Long, Integer> observed) {
    NavigableMap<Long, int[]> range = perMinute.subMap(fromMinute, true, toMinute, false);
    range.clear();
    lastTally = null;
    observed.forEach(
        (minute, n) -> {
          if (n > 0) {
            perMinute.put(minute, new int[] {n});
          }
        });
  }

  /** Approximate bytes held, for the exporter's own memory figures. */
  long sizeInBytes() {
    return counted32.getLongSizeInBytes() + counted64.getLongSizeInBytes() + perMinute.size() * 64L;
  }
}

package io.balsamexporter.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.roaringbitmap.longlong.Roaring64Bitmap;

/**
 * What has been counted so far: the ids of counted events, and how many counted events each minute
 * of event time holds. The ids make counting idempotent; the per-minute tallies let a poll compare
 * its own count of a time range with the API's {@code count} for the same range, so an event that
 * the polls of changed jobs missed is found without re-reading history.
 *
 * <p>Ids are server-assigned PostgreSQL integers, dense per server, so a Roaring bitmap holds
 * millions of them in a few bytes each; the 64-bit one holds every id the API can return.
 */
final class EventLedger {
  private final Roaring64Bitmap counted = new Roaring64Bitmap();
  private final TreeMap<Long, Integer> perMinute = new TreeMap<>();
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
    return counted.contains(eventId);
  }

  /** Marks an event counted; returns false when it had been counted already. */
  boolean record(long eventId, Instant timestamp) {
    if (counted.contains(eventId)) {
      return false;
    }
    counted.addLong(eventId);
    perMinute.merge(minuteOf(timestamp), 1, Integer::sum);
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
    return counted.getLongCardinality();
  }

  /** Counted events whose time lies in the minutes {@code [fromMinute, toMinute)}. */
  long countInMinutes(long fromMinute, long toMinute) {
    long sum = 0;
    for (int n : perMinute.subMap(fromMinute, true, toMinute, false).values()) {
      sum += n;
    }
    return sum;
  }

  /**
   * After a range was re-listed in full, its tallies become what the server holds now: events of
   * deleted jobs drop out of the tally (their ids stay counted, so they are never counted again).
   */
  void replaceTallies(long fromMinute, long toMinute, Map<Long, Integer> observed) {
    NavigableMap<Long, Integer> range = perMinute.subMap(fromMinute, true, toMinute, false);
    range.clear();
    observed.forEach(
        (minute, n) -> {
          if (n > 0) {
            perMinute.put(minute, n);
          }
        });
  }

  /** Approximate bytes held, for the exporter's own memory figures. */
  long sizeInBytes() {
    return counted.getLongSizeInBytes() + perMinute.size() * 64L;
  }
}

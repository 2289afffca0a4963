package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Query;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the events a poll must look at, without changing anything: the trailing window, where late
 * events usually land, and, where the API's {@code count} of older events disagrees with the
 * ledger, exactly the stretches of history that disagree.
 *
 * <p>The disagreement is found by halving: one count request per half, down to a stretch small
 * enough for one page or a single minute, which is then listed whole. An idle poll therefore costs
 * one listing and one count, however long the history.
 */
final class EventSync {

  /** A stretch of minutes {@code [fromMinute, toMinute)} listed whole, with what it holds now. */
  record Relisted(long fromMinute, long toMinute, Map<Long, Integer> perMinute) {}

  /** The events read by a poll; {@code recovered} ones lay before the window. */
  record Read(List<Event> window, List<Event> recovered, List<Relisted> relisted) {}

  private final BalsamApi api;
  private final KeysetPager<Event> pager;
  private final int pageSize;
  private final Instant since;

  EventSync(BalsamApi api, int pageSize, Instant since) {
    this.api = api;
    this.pager = new KeysetPager<>(api::events, "timestamp", Event::timestamp, pageSize);
    this.pageSize = pageSize;
    this.since = since;
  }

  /**
   * Reads the history page by page from {@code resumeAt} (inclusive), or from {@code since} when
   * that is later or absent.
   */
  void history(Instant resumeAt, KeysetPager.PageConsumer<Event> consumer) throws BalsamException {
    Instant from = resumeAt == null || resumeAt.isBefore(since) ? since : resumeAt;
    // The next page is requested while this one is applied: the server works while we count.
    pager.forEachPipelined(Query.of(), from, null, consumer);
  }

  /**
   * Reads the events at or after {@code windowStart} (a whole minute), then recovers any older
   * event the ledger lacks.
   */
  Read poll(Instant windowStart, EventLedger ledger) throws BalsamException {
    List<Event> window = new ArrayList<>();
    pager.forEach(Query.of(), windowStart, null, window::addAll);
    List<Event> recovered = new ArrayList<>();
    List<Relisted> relisted = new ArrayList<>();
    long toMinute = EventLedger.minuteOf(windowStart);
    long fromMinute = EventLedger.minuteOf(since);
    if (fromMinute < toMinute) {
      reconcile(fromMinute, toMinute, count(fromMinute, toMinute), ledger, recovered, relisted);
    }
    return new Read(window, recovered, relisted);
  }

  private void reconcile(
      long from,
      long to,
      long serverCount,
      EventLedger ledger,
      List<Event> recovered,
      List<Relisted> relisted)
      throws BalsamException {
    if (ledger.countInMinutes(from, to) == serverCount) {
      return;
    }
    if (serverCount <= pageSize || to - from <= 1) {
      Map<Long, Integer> perMinute = new HashMap<>();
      pager.forEach(
          Query.of(),
          lowerBound(from),
          upperBound(to),
          rows -> {
            for (Event event : rows) {
              perMinute.merge(EventLedger.minuteOf(event.timestamp()), 1, Integer::sum);
              recovered.add(event);
            }
          });
      relisted.add(new Relisted(from, to, perMinute));
      return;
    }
    long mid = from + (to - from) / 2;
    long left = count(from, mid);
    reconcile(from, mid, left, ledger, recovered, relisted);
    // Events inserted between the two counts can make this figure stale; the next poll's check
    // sees whatever it misses.
    reconcile(mid, to, Math.max(0, serverCount - left), ledger, recovered, relisted);
  }

  private long count(long fromMinute, long toMinute) throws BalsamException {
    Query query =
        Query.of()
            .with("timestamp_after", lowerBound(fromMinute))
            .with("timestamp_before", upperBound(toMinute))
            .with("limit", 0);
    return api.events(query).count();
  }

  private Instant lowerBound(long fromMinute) {
    Instant start = EventLedger.startOfMinute(fromMinute);
    return start.isBefore(since) ? since : start;
  }

  /** The API's bounds are inclusive and its times have microseconds: the last one before. */
  private static Instant upperBound(long toMinute) {
    return EventLedger.startOfMinute(toMinute).minus(1, ChronoUnit.MICROS);
  }
}

package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads the events a poll must look at, without changing anything: the events of the jobs that
 * changed since the last poll and, when a count check is due, exactly the stretches of history
 * where the API's {@code count} disagrees with the ledger.
 *
 * <p>The server inserts every event in the transaction that updates its job's {@code last_update},
 * however late the site stamped it, so the events of the changed jobs hold every new event. They
 * are read by {@code job_id}, which the server answers from an index: a poll with nothing new reads
 * no event at all, and a busy one reads what is new plus the older events of the same jobs.
 *
 * <p>The count check is the safety net for what that rule cannot see (a transaction that committed
 * long after it started, events deleted with their jobs). It costs one count over the history,
 * which the server answers by visiting every event, so it runs on its own schedule; where the count
 * disagrees, the disagreement is found by halving: one count request per half, down to a stretch
 * small enough for one page or a single minute, which is then listed whole.
 */
final class EventSync {

  /** The events read by a poll; {@code recovered} ones were found by the count check. */
  record Read(List<Event> changed, List<Event> recovered, List<Checkpoint.Relisted> relisted) {}

  /** The most job ids one {@code /events/?job_id=…} request carries. */
  static final int JOB_IDS_PER_REQUEST = 1000;

  private final BalsamApi api;
  private final KeysetPager<Event> pager;
  private final int historyPageSize;
  private final int pageSize;
  private final Instant since;

  EventSync(BalsamApi api, int pageSize, int historyPageSize, Instant since) {
    this.api = api;
    this.pager = new KeysetPager<>(api::events, "timestamp", Event::timestamp, pageSize);
    this.historyPageSize = historyPageSize;
    this.pageSize = pageSize;
    this.since = since;
  }

  /**
   * Reads the history page by page from {@code resumeAt} (inclusive), or from {@code since} when
   * that is later or absent.
   *
   * @return a time the server's clock had reached when it took the first page's request, when it
   *     tells its time: an event the reading missed because it was inserted behind it was inserted
   *     after that time
   */
  Optional<Instant> history(Instant resumeAt, KeysetPager.PageConsumer<Event> consumer)
      throws BalsamException {
    Instant from = resumeAt == null || resumeAt.isBefore(since) ? since : resumeAt;
    // The earliest server time of any page: with pages read ahead, the first request's answer
    // need not be the first to arrive, and an earlier time only re-reads more jobs at the end.
    AtomicReference<Optional<Instant>> firstPageTime = new AtomicReference<>();
    KeysetPager.Fetch<Event> fetch =
        query -> {
          Page<Event> page = api.events(query);
          firstPageTime.accumulateAndGet(page.serverTime(), EventSync::earlier);
          return page;
        };
    if (historyPageSize >= 2) {
      // Two pages are served at once: the next by keyset, the one after it guessed by offset.
      new ReadAheadPager<>(fetch, "timestamp", Event::timestamp, Event::id, historyPageSize)
          .forEach(Query.of(), from, consumer);
    } else {
      new KeysetPager<>(fetch, "timestamp", Event::timestamp, historyPageSize)
          .forEachPipelined(Query.of(), from, null, consumer);
    }
    return firstPageTime.get();
  }

  /** The earlier of two server times; null is no time yet, empty a server that tells none. */
  private static Optional<Instant> earlier(Optional<Instant> known, Optional<Instant> time) {
    if (known == null) {
      return time;
    }
    if (known.isEmpty() || time.isEmpty()) {
      return Optional.empty();
    }
    return time.get().isBefore(known.get()) ? time : known;
  }

  /** Every event of {@code jobIds}, by the server's index on {@code job_id}. */
  List<Event> ofJobs(Collection<Long> jobIds) throws BalsamException {
    List<Event> events = new ArrayList<>();
    for (Query byJobs : Query.of().split("job_id", jobIds, JOB_IDS_PER_REQUEST)) {
      pager.forEach(byJobs, since, null, events::addAll);
    }
    return events;
  }

  /**
   * Reads the events of {@code changedJobs} and, when {@code checkUpTo} is given, checks the count
   * of the history before that minute against the ledger and recovers what it lacks.
   */
  Read poll(List<Long> changedJobs, Instant checkUpTo, EventLedger ledger) throws BalsamException {
    List<Event> changed = ofJobs(changedJobs);
    List<Event> recovered = new ArrayList<>();
    List<Checkpoint.Relisted> relisted = new ArrayList<>();
    if (checkUpTo != null) {
      long toMinute = EventLedger.minuteOf(checkUpTo);
      long fromMinute = EventLedger.minuteOf(since);
      if (fromMinute < toMinute) {
        // What the ledger will hold once this poll is applied: the events just read count too,
        // or each check after new late events would halve its way down to them for nothing.
        TreeMap<Long, Integer> pending = new TreeMap<>();
        Set<Long> seen = new HashSet<>();
        for (Event event : changed) {
          if (!ledger.isCounted(event.id()) && seen.add(event.id())) {
            pending.merge(EventLedger.minuteOf(event.timestamp()), 1, Integer::sum);
          }
        }
        Known known =
            (from, to) ->
                ledger.countInMinutes(from, to)
                    + pending.subMap(from, true, to, false).values().stream()
                        .mapToLong(Integer::longValue)
                        .sum();
        reconcile(fromMinute, toMinute, count(fromMinute, toMinute), known, recovered, relisted);
      }
    }
    return new Read(changed, recovered, relisted);
  }

  /** How many events of the minutes {@code [from, to)} the exporter knows. */
  @FunctionalInterface
  private interface Known {
    long count(long from, long to);
  }

  private void reconcile(
      long from,
      long to,
      long serverCount,
      Known known,
      List<Event> recovered,
      List<Checkpoint.Relisted> relisted)
      throws BalsamException {
    if (known.count(from, to) == serverCount) {
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
      relisted.add(new Checkpoint.Relisted(from, to, perMinute));
      return;
    }
    long mid = from + (to - from) / 2;
    long left = count(from, mid);
    reconcile(from, mid, left, known, recovered, relisted);
    // Events inserted between the two counts can make this figure stale; the next poll's check
    // sees whatever it misses.
    reconcile(mid, to, Math.max(0, serverCount - left), known, recovered, relisted);
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

package io.balsamexporter.analytics;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Site;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Answers an {@link EventQuery} from the journal in one scan of its time range: every match is
 * counted, and the first {@code limit} after the cursor, in the asked order, become the page. Run
 * under the journal's read lock.
 */
final class JournalQuery {

  /** An event's payload as the journal's store knows it. */
  @FunctionalInterface
  interface Payloads {
    EventPayloads.Payload resolve(int eventId, int packed);
  }

  private final EventQuery query;
  private final JournalJobs jobs;
  private final Payloads payloads;
  private final boolean[] keep;
  private final int fromCode;
  private final int toCode;
  private final Map<Long, App> appsById = new HashMap<>();
  private final Map<Long, String> siteNames = new HashMap<>();

  private long count;
  private long dataUnknown;
  private boolean more;
  private long counted;
  private final List<long[]> page = new ArrayList<>();

  private JournalQuery(
      EventQuery query,
      JournalJobs jobs,
      Payloads payloads,
      boolean[] keep,
      Collection<Site> sites,
      Collection<App> apps) {
    this.query = query;
    this.jobs = jobs;
    this.payloads = payloads;
    this.keep = keep;
    this.fromCode = query.jobs().fromState().map(StateCodes::existing).orElse(Integer.MIN_VALUE);
    this.toCode = query.jobs().toState().map(StateCodes::existing).orElse(Integer.MIN_VALUE);
    apps.forEach(a -> appsById.put(a.id(), a));
    sites.forEach(s -> siteNames.put(s.id(), s.name()));
  }

  static EventPage run(
      EventQuery query,
      JournalEvents events,
      JournalJobs jobs,
      Payloads payloads,
      Collection<Site> sites,
      Collection<App> apps,
      Collection<BatchJob> batchJobs,
      CountedRing ring)
      throws ReportException {
    JobCriteria criteria = JobCriteria.resolve(query.jobs(), sites, apps, batchJobs);
    boolean[] keep = criteria.anyJob() ? jobs.notDeleted() : jobs.matching(criteria);
    if (query.app().isPresent()) {
      Set<Long> appIds = appsNamed(query.app().get(), apps);
      for (int slot = 0; slot < keep.length; slot++) {
        keep[slot] &= appIds.contains(jobs.appId(slot));
      }
    }
    JournalQuery scan = new JournalQuery(query, jobs, payloads, keep, sites, apps);
    // The selected jobs' events all lie in their span: a query of a few jobs, or of one batch
    // job's, scans that stretch of the journal, not the whole of it. Same answer, fewer chunks.
    long[] span = jobs.span(keep);
    long since = Math.max(query.since().map(BalsamTime::toMicros).orElse(Long.MIN_VALUE), span[0]);
    long until = Math.min(query.until().map(BalsamTime::toMicros).orElse(Long.MAX_VALUE), span[1]);
    if (query.countedAfter().isPresent()) {
      scan.counted = query.countedAfter().getAsLong();
      ring.forEachAfter(
          query.countedAfter().getAsLong(),
          (number, micros, id, job, packed) -> {
            if (!scan.more) {
              if (micros >= since && micros <= until) {
                scan.visit(micros, id, job, packed);
              }
              // The next follow starts after the last event this answer took in.
              if (!scan.more) {
                scan.counted = number;
              }
            }
          });
    } else {
      scan.counted = ring.counted();
      if (query.newestFirst()) {
        events.forEachDescending(since, until, scan::visit);
      } else {
        events.forEach(since, until, scan::visit);
      }
    }
    return scan.page();
  }

  private void visit(long micros, int id, int job, int packed) {
    if (!keep[job]
        || (fromCode != Integer.MIN_VALUE && JournalChunk.from(packed) != fromCode)
        || (toCode != Integer.MIN_VALUE && JournalChunk.to(packed) != toCode)
        || (!query.ids().isEmpty() && !query.ids().contains(Integer.toUnsignedLong(id)))) {
      return;
    }
    if (!query.data().isEmpty()) {
      if (!(payloads.resolve(id, packed) instanceof EventPayloads.Payload.Known payload)) {
        dataUnknown++;
        return;
      }
      if (!dataMatches(payload.data())) {
        return;
      }
    }
    count++;
    if (query.after().isPresent()
        && !query.after().get().before(micros, Integer.toUnsignedLong(id))) {
      return;
    }
    if (page.size() < query.limit()) {
      page.add(new long[] {micros, id, job, packed});
    } else {
      more = true;
    }
  }

  /** Balsam's JSON containment with the value as a string: a number never matches (§8.7). */
  private boolean dataMatches(Map<String, Object> data) {
    for (Map.Entry<String, String> wanted : query.data().entrySet()) {
      if (!(data.get(wanted.getKey()) instanceof String value && value.equals(wanted.getValue()))) {
        return false;
      }
    }
    return true;
  }

  private EventPage page() {
    List<EventRow> rows = new ArrayList<>(page.size());
    for (long[] entry : page) {
      rows.add(row(entry[0], (int) entry[1], (int) entry[2], (int) entry[3]));
    }
    Optional<EventCursor> next = Optional.empty();
    if (more && !rows.isEmpty() && query.countedAfter().isEmpty()) {
      EventRow last = rows.get(rows.size() - 1);
      next = Optional.of(new EventCursor(last.micros(), last.id(), query.newestFirst()));
    }
    return new EventPage(count, rows, next, dataUnknown, counted);
  }

  private EventRow row(long micros, int id, int job, int packed) {
    App app = appsById.get(jobs.appId(job));
    EventPayloads.Payload.Known payload =
        payloads.resolve(id, packed) instanceof EventPayloads.Payload.Known known ? known : null;
    return new EventRow(
        Integer.toUnsignedLong(id),
        jobs.jobId(job),
        micros,
        StateCodes.name(JournalChunk.from(packed)),
        StateCodes.name(JournalChunk.to(packed)),
        payload == null ? Map.of() : payload.data(),
        payload == null
            ? EventRow.Data.MISSING
            : payload.cut() ? EventRow.Data.CUT : EventRow.Data.WHOLE,
        app == null ? "" : siteNames.getOrDefault(app.siteId(), ""),
        app == null ? "" : app.name(),
        jobs.tags(job));
  }

  private static Set<Long> appsNamed(String name, Collection<App> apps) throws ReportException {
    Set<Long> ids = new HashSet<>();
    Set<String> names = new TreeSet<>();
    for (App app : apps) {
      names.add(app.name());
      if (app.name().equals(name)) {
        ids.add(app.id());
      }
    }
    if (ids.isEmpty()) {
      throw new ReportException("no app named \"" + name + "\"; apps: " + String.join(", ", names));
    }
    return ids;
  }
}

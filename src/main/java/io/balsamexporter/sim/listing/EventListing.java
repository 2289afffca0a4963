package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.sim.request.Paging;
import io.balsamexporter.sim.request.ParamReader;
import io.balsamexporter.sim.request.QueryParams;
import io.balsamexporter.sim.request.SimResponse;
import io.balsamexporter.sim.request.TagFilter;
import io.balsamexporter.sim.request.TimeRange;
import io.balsamexporter.sim.request.ValidationError;
import io.balsamexporter.sim.store.SimData;
import io.balsamexporter.sim.store.SimStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /events/} with the filters of balsam-api.md §3.5 and the upstream join bugs of §8:
 * {@code scheduler_id} and {@code batch_job_id} join the batch job through the job's site. The row
 * duplication that shortens pages under those filters is not reproduced: pages are full.
 */
public final class EventListing {
  static final List<String> ORDERINGS = List.of("timestamp", "-timestamp");
  private static final Comparator<Event> OLDEST_FIRST =
      Comparator.comparing(Event::timestamp).thenComparingLong(Event::id);
  private static final Comparator<Event> NEWEST_FIRST =
      Comparator.comparing(Event::timestamp, Comparator.reverseOrder())
          .thenComparingLong(Event::id);

  private record Filter(
      TreeSet<Long> ids,
      Set<Long> jobIds,
      Optional<Long> batchJobId,
      Optional<Long> schedulerId,
      TagFilter tags,
      TagFilter data,
      TimeRange timestamp,
      Optional<String> fromState,
      Optional<String> toState) {

    boolean matchesEvent(Event event) {
      return (jobIds.isEmpty() || jobIds.contains(event.jobId()))
          && timestamp.contains(event.timestamp())
          && fromState.map(s -> s.equals(event.fromState())).orElse(true)
          && toState.map(s -> s.equals(event.toState())).orElse(true)
          && data.matches(event.data());
    }

    /** True when the server answers from an index: {@code id} or {@code job_id}. */
    boolean indexed() {
      return !ids.isEmpty() || !jobIds.isEmpty();
    }

    boolean needsJobs() {
      return batchJobId.isPresent() || schedulerId.isPresent() || !tags.isEmpty();
    }

    /** True when only the time bounds can exclude an event the caller may see. */
    boolean onTimeAlone() {
      return ids.isEmpty()
          && jobIds.isEmpty()
          && !needsJobs()
          && fromState.isEmpty()
          && toState.isEmpty()
          && data.isEmpty();
    }
  }

  private EventListing() {}

  public static SimResponse list(
      SimStore store, EventIndexes indexes, long userId, QueryParams params) {
    ParamReader reader = new ParamReader(params);
    Paging paging = Paging.read(reader);
    TreeSet<Long> ids = new TreeSet<>(reader.integers("id"));
    Set<Long> jobIds = new HashSet<>(reader.integers("job_id"));
    Optional<Long> batchJobId = reader.integer("batch_job_id").filter(id -> id != 0);
    Optional<Long> schedulerId = reader.integer("scheduler_id").filter(id -> id != 0);
    TagFilter tags = TagFilter.parse(reader.strings("tags"));
    TagFilter data = TagFilter.parse(reader.strings("data"));
    TimeRange timestamp = TimeRange.read(reader, "timestamp_before", "timestamp_after");
    Optional<String> fromState = reader.string("from_state").filter(s -> !s.isEmpty());
    Optional<String> toState = reader.string("to_state").filter(s -> !s.isEmpty());
    String ordering = reader.member("ordering", ORDERINGS).orElse("-timestamp");
    List<ValidationError> errors = reader.errors();
    if (!errors.isEmpty()) {
      return SimResponse.invalid(errors);
    }
    Filter filter =
        new Filter(ids, jobIds, batchJobId, schedulerId, tags, data, timestamp, fromState, toState);
    Comparator<Event> order = ordering.equals("timestamp") ? OLDEST_FIRST : NEWEST_FIRST;
    Answer answer =
        store.read(
            tables -> {
              UserScope scope = UserScope.of(tables, userId);
              Page<Event> page = page(tables, scope, indexes, filter, order, paging);
              long visited = filter.indexed() ? page.count() : scope.eventsVisible(tables);
              return new Answer(page, visited);
            });
    return SimResponse.page(answer.page(), answer.rowsVisited());
  }

  /** A page, and the rows the real server would visit for it (balsam-api.md §11). */
  private record Answer(Page<Event> page, long rowsVisited) {}

  private static Page<Event> page(
      SimData tables,
      UserScope scope,
      EventIndexes indexes,
      Filter filter,
      Comparator<Event> order,
      Paging paging) {
    TimeRange timestamp = filter.timestamp();
    if (scope.ownsEverySite()
        && filter.onTimeAlone()
        && paging.limit() >= 0
        && (paging.limit() == 0 || order == OLDEST_FIRST)) {
      return inTimeOrder(indexes.order().slice(tables.events, timestamp), paging);
    }
    PageCollector<Event> collector = PageCollector.sortedBy(order, paging);
    EventRows rows = EventRows.of(tables, indexes.scanStart(), filter.ids(), timestamp);
    Set<Long> joinedSites = sitesJoinedToBatchJobs(tables, filter);
    JobMatcher jobs =
        scope.ownsEverySite() && !filter.needsJobs()
            ? JobMatcher.ALL
            : JobMatcher.of(
                tables.jobs, rows.size(), job -> jobMatches(scope, filter, joinedSites, job));
    rows.forEach(
        event -> {
          if (filter.matchesEvent(event) && jobs.test(event.jobId())) {
            collector.accept(event);
          }
        });
    return collector.page();
  }

  /** The requested page of a slice that is already in the requested order. */
  private static Page<Event> inTimeOrder(EventTimeOrder.Slice slice, Paging paging) {
    List<Event> results = new ArrayList<>();
    long first = slice.from + Math.min(paging.offset(), slice.size());
    long end = slice.from + Math.min(paging.end(), slice.size());
    for (long k = first; k < end; k++) {
      results.add(slice.get((int) k));
    }
    return new Page<>(slice.size(), results);
  }

  /** Visibility, tags and the batch-job join, all decided by the event's job. */
  private static boolean jobMatches(
      UserScope scope, Filter filter, Set<Long> joinedSites, Job job) {
    Long site = scope.siteOfApp(job.appId());
    return site != null
        && filter.tags().matches(job.tags())
        && filter.batchJobId().map(id -> id.equals(job.batchJobId())).orElse(true)
        && (joinedSites == null || joinedSites.contains(site));
  }

  /**
   * The upstream bug: the batch job row is joined on {@code batch_jobs.site_id = sites.id}, so an
   * event survives when its job's site owns some batch job (with the requested scheduler id, if
   * any). Null when neither batch-job filter is given.
   */
  private static Set<Long> sitesJoinedToBatchJobs(SimData tables, Filter filter) {
    if (filter.batchJobId().isEmpty() && filter.schedulerId().isEmpty()) {
      return null;
    }
    Set<Long> sites = new HashSet<>();
    for (BatchJob batchJob : tables.batchJobs.values()) {
      if (filter.schedulerId().map(id -> id.equals(batchJob.schedulerId())).orElse(true)) {
        sites.add(batchJob.siteId());
      }
    }
    return sites;
  }
}

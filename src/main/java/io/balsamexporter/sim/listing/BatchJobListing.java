package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.sim.request.Paging;
import io.balsamexporter.sim.request.ParamReader;
import io.balsamexporter.sim.request.QueryParams;
import io.balsamexporter.sim.request.SimResponse;
import io.balsamexporter.sim.request.TagFilter;
import io.balsamexporter.sim.request.TimeRange;
import io.balsamexporter.sim.request.ValidationError;
import io.balsamexporter.sim.store.SimStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /batch-jobs/}: filters id, site_id, state (not validated), scheduler_id, queue,
 * start/end time bounds, filter_tags; ordering by start_time with PostgreSQL's NULL placement (last
 * ascending, first descending), ties by id.
 */
public final class BatchJobListing {
  static final List<String> ORDERINGS = List.of("start_time", "-start_time");

  private record Filter(
      Set<Long> ids,
      Set<Long> siteIds,
      Set<String> states,
      Optional<Long> schedulerId,
      Optional<String> queue,
      TimeRange startTime,
      TimeRange endTime,
      TagFilter filterTags) {

    boolean matches(BatchJob batchJob) {
      return (ids.isEmpty() || ids.contains(batchJob.id()))
          && (siteIds.isEmpty() || siteIds.contains(batchJob.siteId()))
          && (states.isEmpty() || states.contains(batchJob.state()))
          && schedulerId.map(id -> id.equals(batchJob.schedulerId())).orElse(true)
          && queue.map(q -> q.equals(batchJob.queue())).orElse(true)
          && startTime.contains(batchJob.startTime())
          && endTime.contains(batchJob.endTime())
          && filterTags.matches(batchJob.filterTags());
    }
  }

  private BatchJobListing() {}

  public static SimResponse list(SimStore store, long userId, QueryParams params) {
    ParamReader reader = new ParamReader(params);
    Paging paging = Paging.read(reader);
    Set<Long> ids = new HashSet<>(reader.integers("id"));
    Set<Long> siteIds = new HashSet<>(reader.integers("site_id"));
    Set<String> states = new HashSet<>(reader.strings("state"));
    Optional<Long> schedulerId = reader.integer("scheduler_id").filter(id -> id != 0);
    Optional<String> queue = reader.string("queue").filter(s -> !s.isEmpty());
    Optional<String> ordering = reader.member("ordering", ORDERINGS);
    TimeRange startTime = TimeRange.read(reader, "start_time_before", "start_time_after");
    TimeRange endTime = TimeRange.read(reader, "end_time_before", "end_time_after");
    TagFilter filterTags = TagFilter.parse(reader.strings("filter_tags"));
    List<ValidationError> errors = reader.errors();
    if (!errors.isEmpty()) {
      return SimResponse.invalid(errors);
    }
    Filter filter =
        new Filter(ids, siteIds, states, schedulerId, queue, startTime, endTime, filterTags);
    Page<BatchJob> page =
        store.read(
            data -> {
              UserScope scope = UserScope.of(data, userId);
              PageCollector<BatchJob> collector =
                  ordering
                      .map(o -> PageCollector.<BatchJob>sortedBy(order(o), paging))
                      .orElseGet(() -> PageCollector.inArrivalOrder(paging));
              for (BatchJob batchJob : data.batchJobs.values()) {
                if (scope.siteVisible(batchJob.siteId()) && filter.matches(batchJob)) {
                  collector.accept(batchJob);
                }
              }
              return collector.page();
            });
    return SimResponse.page(page);
  }

  private static Comparator<BatchJob> order(String ordering) {
    Comparator<Instant> byTime =
        ordering.startsWith("-")
            ? Comparator.nullsFirst(Comparator.<Instant>reverseOrder())
            : Comparator.nullsLast(Comparator.<Instant>naturalOrder());
    return Comparator.comparing(BatchJob::startTime, byTime).thenComparingLong(BatchJob::id);
  }
}

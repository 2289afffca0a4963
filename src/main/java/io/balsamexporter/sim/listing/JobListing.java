package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.sim.request.LikePattern;
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
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code GET /jobs/} with the filters of balsam-api.md §3.3, including the upstream bug that {@code
 * batch_job_id=N} selects every job of the site owning batch job N. One pass over the job table, or
 * direct lookups when {@code id} is given.
 */
public final class JobListing {
  static final List<String> STATES =
      List.of(
          "CREATED",
          "AWAITING_PARENTS",
          "READY",
          "STAGED_IN",
          "PREPROCESSED",
          "RUNNING",
          "RUN_DONE",
          "RUN_ERROR",
          "RUN_TIMEOUT",
          "RESTART_READY",
          "POSTPROCESSED",
          "STAGED_OUT",
          "JOB_FINISHED",
          "FAILED");
  static final List<String> ORDERINGS =
      List.of("last_update", "-last_update", "id", "-id", "state", "-state", "workdir", "-workdir");

  private record Filter(
      Set<Long> parentIds,
      Optional<Long> appId,
      Set<Long> siteIds,
      Optional<Long> batchJobId,
      TimeRange lastUpdate,
      Optional<LikePattern> workdir,
      Optional<String> stateNe,
      Set<String> states,
      TagFilter tags,
      boolean onlyPendingFileCleanup) {

    /**
     * The {@code last_update} range, tested first: a poll's listing of changed jobs rejects nearly
     * every job on it, before the ownership join and the costlier tests of {@link #matches}.
     */
    boolean inTimeRange(Job job) {
      return lastUpdate.contains(job.lastUpdate());
    }

    /**
     * The other filters, for a job {@link #inTimeRange}: {@code site} is the job's site (via its
     * app); {@code batchJobSite} the bug's join.
     */
    boolean matches(Job job, long site, Long batchJobSite) {
      return (parentIds.isEmpty() || job.parentIds().stream().anyMatch(parentIds::contains))
          && appId.map(id -> id == job.appId()).orElse(true)
          && (siteIds.isEmpty() || siteIds.contains(site))
          && (batchJobId.isEmpty() || (batchJobSite != null && batchJobSite == site))
          && workdir.map(w -> w.matches(job.workdir())).orElse(true)
          && stateNe.map(s -> !s.equals(job.state())).orElse(true)
          && (states.isEmpty() || states.contains(job.state()))
          && tags.matches(job.tags())
          && (!onlyPendingFileCleanup || job.pendingFileCleanup());
    }
  }

  private JobListing() {}

  public static SimResponse list(SimStore store, long userId, QueryParams params) {
    ParamReader reader = new ParamReader(params);
    Paging paging = Paging.read(reader);
    TreeSet<Long> ids = new TreeSet<>(reader.integers("id"));
    Set<Long> parentIds = new HashSet<>(reader.integers("parent_id"));
    Optional<Long> appId = reader.integer("app_id").filter(id -> id != 0);
    Set<Long> siteIds = new HashSet<>(reader.integers("site_id"));
    Optional<Long> batchJobId = reader.integer("batch_job_id").filter(id -> id != 0);
    TimeRange lastUpdate = TimeRange.read(reader, "last_update_before", "last_update_after");
    Optional<LikePattern> workdir =
        reader.string("workdir__contains").filter(s -> !s.isEmpty()).map(LikePattern::containing);
    Optional<String> stateNe = reader.member("state__ne", STATES);
    Set<String> states = new HashSet<>(reader.members("state", STATES));
    TagFilter tags = TagFilter.parse(reader.strings("tags"));
    boolean onlyPendingFileCleanup = reader.bool("pending_file_cleanup").orElse(false);
    Optional<String> ordering = reader.member("ordering", ORDERINGS);
    List<ValidationError> errors = reader.errors();
    if (!errors.isEmpty()) {
      return SimResponse.invalid(errors);
    }
    if (paging.limit() < 0) {
      // PostgreSQL rejects LIMIT -1 and the jobs route does not catch it.
      return SimResponse.internalError();
    }
    Filter filter =
        new Filter(
            parentIds,
            appId,
            siteIds,
            batchJobId,
            lastUpdate,
            workdir,
            stateNe,
            states,
            tags,
            onlyPendingFileCleanup);
    boolean descendingIds = ordering.filter("-id"::equals).isPresent();
    Optional<Comparator<Job>> sortOrder = ordering.flatMap(JobListing::sortOrder);
    Answer answer =
        store.read(
            data -> {
              UserScope scope = UserScope.of(data, userId);
              Long batchJobSite =
                  batchJobId.map(data.batchJobs::get).map(b -> b.siteId()).orElse(null);
              PageCollector<Job> collector =
                  sortOrder
                      .map(order -> PageCollector.sortedBy(order, paging))
                      .orElseGet(() -> PageCollector.inArrivalOrder(paging));
              for (Job job : candidates(data, ids, descendingIds)) {
                if (!filter.inTimeRange(job)) {
                  continue;
                }
                Long site = scope.siteOfApp(job.appId());
                if (site != null && filter.matches(job, site, batchJobSite)) {
                  collector.accept(job);
                }
              }
              Page<Job> page = collector.page();
              return new Answer(page, rowsVisited(data, scope, ids, page, paging));
            });
    return SimResponse.page(answer.page(), answer.rowsVisited());
  }

  /** A page, and the rows the real server would visit for it (balsam-api.md §11). */
  private record Answer(Page<Job> page, long rowsVisited) {}

  /**
   * What the real server reads to answer, as its planner does: Balsam runs a count and then a
   * select with the same filters, and each walks every job of the user (through the {@code app_id}
   * index of the ownership join) unless it filters by {@code id}, whatever other filter it has
   * ({@code state} and tags included: measured by PostgreSQL's own statistics, the planner filters
   * after the walk). {@code limit=0} skips the select, which then reads no row. With {@code id}
   * both are index lookups of the jobs found.
   */
  private static long rowsVisited(
      SimData data, UserScope scope, Set<Long> ids, Page<Job> page, Paging paging) {
    long perQuery = ids.isEmpty() ? scope.jobsVisible(data) : page.count();
    return paging.limit() == 0 ? perQuery : 2 * perQuery;
  }

  /** The jobs to test, in id order (or reversed): the whole table, or the requested ids only. */
  private static Collection<Job> candidates(SimData data, TreeSet<Long> ids, boolean descending) {
    if (ids.isEmpty()) {
      return descending ? data.jobs.descendingMap().values() : data.jobs.values();
    }
    List<Job> jobs = new ArrayList<>();
    for (Long id : descending ? ids.descendingSet() : ids) {
      Job job = data.jobs.get(id);
      if (job != null) {
        jobs.add(job);
      }
    }
    return jobs;
  }

  /** Orderings that need sorting; id and -id come from the iteration order itself. */
  private static Optional<Comparator<Job>> sortOrder(String ordering) {
    boolean descending = ordering.startsWith("-");
    Comparator<Job> key =
        switch (ordering.substring(descending ? 1 : 0)) {
          case "last_update" -> Comparator.comparing(Job::lastUpdate);
          case "state" -> Comparator.comparing(Job::state);
          case "workdir" -> Comparator.comparing(Job::workdir);
          default -> null;
        };
    if (key == null) {
      return Optional.empty();
    }
    return Optional.of((descending ? key.reversed() : key).thenComparingLong(Job::id));
  }
}

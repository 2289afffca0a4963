package io.balsamexporter.analytics;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.KeysetPager;
import io.balsamexporter.log.Progress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Reports made from Balsam directly, for the command line: reads what a report needs with the
 * server-side filters that are right, and applies the rest here. Balsam's {@code batch_job_id} and
 * {@code scheduler_id} filters on jobs and events join through the site (balsam-api.md §8), and
 * there is no site filter on events: those are resolved to job ids from a job listing narrowed by
 * site and tags, which the server does filter right.
 */
public final class BalsamReports {
  /** Up to this many selected jobs are asked for by id; more are filtered here. */
  static final int MAX_JOB_IDS_ASKED = 5_000;

  private static final int IDS_PER_REQUEST = 200;

  private final BalsamApi api;
  private final int pageSize;

  private Progress progress = Progress.OFF;

  /** From now on, shows how far the history read got. */
  public BalsamReports showing(Progress progress) {
    this.progress = progress;
    return this;
  }

  public BalsamReports(BalsamApi api, int pageSize) {
    this.api = api;
    this.pageSize = pageSize;
  }

  public Report run(ReportRequest request) throws ReportException, BalsamException {
    List<Site> sites = readAll(api::sites, Query.of());
    List<App> apps = readAll(api::apps, Query.of());
    ReportFilter filter = request.filter();
    JobCriteria criteria =
        JobCriteria.resolve(filter, sites, apps, readAll(api::batchJobs, Query.of()));
    List<BatchJob> batchJobs =
        request.kind() == ReportKind.THROUGHPUT
            ? List.of()
            : criteria.batchJobs(live(request, readAll(api::batchJobs, batchJobQuery(criteria))));
    if (request.kind() == ReportKind.AVAILABLE_NODES) {
      return Report.of(
          request,
          EventTable.of(List.of(), id -> true, Optional.empty(), Optional.empty()),
          batchJobs);
    }
    Set<Long> jobs = selectedJobs(criteria);
    List<Event> events = new ArrayList<>();
    for (Query query : eventQueries(request)) {
      readEvents(withTags(query, filter), jobs, filter, events);
    }
    LongPredicate keep =
        jobs != null
            ? jobs::contains
            : criteria.jobIds() != null ? criteria.jobIds()::contains : id -> true;
    return Report.of(
        request, EventTable.of(events, keep, filter.since(), filter.until()), batchJobs);
  }

  /**
   * Asked of Balsam alone, the live variant has no observation of its own: it adds the batch jobs
   * still running that Balsam gave a start time, up to now. The exporter's API adds those it saw.
   */
  private static List<BatchJob> live(ReportRequest request, List<BatchJob> batchJobs) {
    return request.live()
        ? LiveAllocations.of(batchJobs, java.util.Map.of(), java.time.Instant.now())
        : batchJobs;
  }

  /** As upstream's reports filter the caller's query: the report's own states win. */
  private static List<Query> eventQueries(ReportRequest request) {
    ReportFilter filter = request.filter();
    if (request.kind() == ReportKind.THROUGHPUT) {
      Query q = Query.of().with("to_state", request.throughputState());
      return List.of(filter.fromState().map(s -> q.with("from_state", s)).orElse(q));
    }
    Query entries = Query.of().with("to_state", JobStates.RUNNING);
    Query exits = Query.of().with("from_state", JobStates.RUNNING);
    return List.of(
        filter.fromState().map(s -> entries.with("from_state", s)).orElse(entries),
        filter.toState().map(s -> exits.with("to_state", s)).orElse(exits));
  }

  /**
   * The jobs the filter keeps when it says more than job ids and tags, or null when the server's
   * own event filters suffice.
   */
  private Set<Long> selectedJobs(JobCriteria criteria) throws BalsamException {
    if (criteria.appIds() == null && criteria.batchJobIds() == null) {
      return null;
    }
    Set<Long> selected = new HashSet<>();
    Set<Long> sites = new HashSet<>();
    if (criteria.siteId() != null) {
      sites.add(criteria.siteId());
    } else {
      // A batch job's jobs are at its site: the listing need not go further.
      for (BatchJob job : readAll(api::batchJobs, Query.of())) {
        if (criteria.batchJobIds().contains(job.id())) {
          sites.add(job.siteId());
        }
      }
    }
    for (long site : sites) {
      Query query = withTags(Query.of().with("site_id", site), criteria.filter());
      for (Job job : readAll(api::jobs, query)) {
        long batchJob = job.batchJobId() == null ? 0 : job.batchJobId();
        if (criteria.matches(job.id(), job.appId(), job.tags(), batchJob)) {
          selected.add(job.id());
        }
      }
    }
    return selected;
  }

  private void readEvents(Query base, Set<Long> jobs, ReportFilter filter, List<Event> into)
      throws BalsamException {
    KeysetPager<Event> pager =
        new KeysetPager<>(api::events, "timestamp", Event::timestamp, pageSize);
    Instant since = filter.since().orElse(null);
    Instant until = filter.until().orElse(null);
    List<Long> ids =
        jobs != null && jobs.size() <= MAX_JOB_IDS_ASKED
            ? new ArrayList<>(jobs)
            : jobs == null && !filter.jobIds().isEmpty() ? filter.jobIds() : null;
    KeysetPager.PageConsumer<Event> keep =
        page -> {
          into.addAll(page);
          if (!page.isEmpty()) {
            progress.read(page.size(), page.get(page.size() - 1).timestamp());
          }
        };
    if (ids == null) {
      pager.forEach(base, since, until, keep);
    } else {
      for (Query query : base.split("job_id", ids, IDS_PER_REQUEST)) {
        pager.forEach(query, since, until, keep);
      }
    }
    progress.done();
  }

  /** Balsam's batch-job filters are right; the same criteria are applied again here. */
  private static Query batchJobQuery(JobCriteria criteria) {
    ReportFilter filter = criteria.filter();
    Query query = Query.of();
    if (filter.batchJobId().isPresent()) {
      query = query.with("id", filter.batchJobId().getAsLong());
    }
    if (filter.schedulerId().isPresent()) {
      query = query.with("scheduler_id", filter.schedulerId().getAsLong());
    }
    if (criteria.siteId() != null) {
      query = query.with("site_id", criteria.siteId());
    }
    for (Map.Entry<String, String> tag : filter.tags().entrySet()) {
      query = query.with("filter_tags", tag.getKey() + ":" + tag.getValue());
    }
    if (filter.since().isPresent()) {
      query = query.with("end_time_after", filter.since().get());
    }
    if (filter.until().isPresent()) {
      query = query.with("start_time_before", filter.until().get());
    }
    return query;
  }

  private static Query withTags(Query query, ReportFilter filter) {
    for (Map.Entry<String, String> tag : filter.tags().entrySet()) {
      query = query.with("tags", tag.getKey() + ":" + tag.getValue());
    }
    return query;
  }

  /** Reads a listing whole by offset: these collections are ordered by id. */
  private <T> List<T> readAll(KeysetPager.Fetch<T> fetch, Query base) throws BalsamException {
    List<T> all = new ArrayList<>();
    for (int offset = 0; ; offset += pageSize) {
      Page<T> page = fetch.fetch(base.with("limit", pageSize).with("offset", offset));
      all.addAll(page.results());
      if (page.results().size() < pageSize) {
        return all;
      }
    }
  }
}

package io.balsamexporter.analytics;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Site;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link ReportFilter} resolved against the sites, apps and batch jobs that exist: which jobs'
 * events it keeps, and which batch jobs available-nodes counts. Scheduler ids and site names are
 * turned into batch-job and app ids here, so that a job is then judged on its own fields.
 *
 * <p>{@code batch_job_id} and {@code scheduler_id} select the jobs whose {@code batch_job_id} is
 * such a batch job: the meaning Balsam intends, not what its {@code /events/?scheduler_id} returns
 * (it joins batch jobs through the site).
 *
 * @param jobIds the jobs named, or null for any
 * @param appIds the apps of the site named, or null for any
 * @param batchJobIds the batch jobs named by id and scheduler id (both must hold), or null for any
 */
public record JobCriteria(
    ReportFilter filter, Set<Long> jobIds, Set<Long> appIds, Set<Long> batchJobIds, Long siteId) {

  public static JobCriteria resolve(
      ReportFilter filter,
      Collection<Site> sites,
      Collection<App> apps,
      Collection<BatchJob> batchJobs)
      throws ReportException {
    Set<Long> jobIds = filter.jobIds().isEmpty() ? null : new HashSet<>(filter.jobIds());
    Long siteId = null;
    Set<Long> appIds = null;
    if (filter.site().isPresent()) {
      String name = filter.site().get();
      siteId =
          sites.stream()
              .filter(s -> s.name().equals(name))
              .map(Site::id)
              .findFirst()
              .orElseThrow(() -> unknownSite(name, sites));
      appIds = new HashSet<>();
      for (App app : apps) {
        if (app.siteId() == siteId) {
          appIds.add(app.id());
        }
      }
    }
    Set<Long> batchJobIds = null;
    if (filter.batchJobId().isPresent() || filter.schedulerId().isPresent()) {
      batchJobIds = new HashSet<>();
      for (BatchJob job : batchJobs) {
        if (namedBatchJob(filter, job)) {
          batchJobIds.add(job.id());
        }
      }
    }
    return new JobCriteria(filter, jobIds, appIds, batchJobIds, siteId);
  }

  /** True when every job passes: the scan need not look at jobs at all. */
  public boolean anyJob() {
    return jobIds == null && appIds == null && batchJobIds == null && filter.tags().isEmpty();
  }

  /**
   * @param batchJobId the job's {@code batch_job_id}, 0 when it has none
   */
  public boolean matches(long jobId, long appId, Map<String, String> tags, long batchJobId) {
    return (jobIds == null || jobIds.contains(jobId))
        && (appIds == null || appIds.contains(appId))
        && (batchJobIds == null || batchJobIds.contains(batchJobId))
        && tagsMatch(tags);
  }

  public boolean appMatches(long appId) {
    return appIds == null || appIds.contains(appId);
  }

  public boolean batchJobMatches(long batchJobId) {
    return batchJobIds == null || batchJobIds.contains(batchJobId);
  }

  /** JSON containment, as Balsam's tag filter: every filter tag is among the job's. */
  public boolean tagsMatch(Map<String, String> tags) {
    for (Map.Entry<String, String> tag : filter.tags().entrySet()) {
      if (!tag.getValue().equals(tags.get(tag.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The batch jobs available-nodes counts: those named by id or scheduler id, at the site, whose
   * {@code filter_tags} contain the tags, and that overlap the time range (Balsam's {@code
   * end_time_after=since} and {@code start_time_before=until}).
   */
  public List<BatchJob> batchJobs(Collection<BatchJob> all) {
    List<BatchJob> kept = new ArrayList<>();
    for (BatchJob job : all) {
      if ((filter.batchJobId().isEmpty() && filter.schedulerId().isEmpty()
              || namedBatchJob(filter, job))
          && (siteId == null || job.siteId() == siteId)
          && tagsMatch(job.filterTags())
          && (filter.since().isEmpty() || atOrAfter(job.endTime(), filter.since().get()))
          && (filter.until().isEmpty() || atOrAfter(filter.until().get(), job.startTime()))) {
        kept.add(job);
      }
    }
    return kept;
  }

  private static boolean atOrAfter(Instant time, Instant bound) {
    return time != null && bound != null && !time.isBefore(bound);
  }

  private static boolean namedBatchJob(ReportFilter filter, BatchJob job) {
    return (filter.batchJobId().isEmpty() || job.id() == filter.batchJobId().getAsLong())
        && (filter.schedulerId().isEmpty()
            || (job.schedulerId() != null
                && job.schedulerId() == filter.schedulerId().getAsLong()));
  }

  private static ReportException unknownSite(String name, Collection<Site> sites) {
    Set<String> names = new TreeSet<>();
    sites.forEach(s -> names.add(s.name()));
    return new ReportException(
        "no site named \"" + name + "\"; sites: " + String.join(", ", names));
  }
}

package io.balsamexporter.analytics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The filters of Balsam's EventLog and BatchJob queries that the reports accept. Every one given
 * must hold (AND).
 *
 * @param jobIds events of these jobs only; empty for every job
 * @param tags events of jobs whose tags contain all of these; for available-nodes, batch jobs whose
 *     {@code filter_tags} contain them
 * @param fromState events leaving this state
 * @param toState events entering this state (for throughput, the state it counts)
 * @param since events at or after this time; batch jobs that ended at or after it
 * @param until events at or before this time; batch jobs that started at or before it
 * @param site events of jobs at this site; batch jobs of this site
 * @param batchJobId events of the jobs whose {@code batch_job_id} is this batch job; that batch job
 * @param schedulerId the same for the batch jobs with this scheduler id
 */
public record ReportFilter(
    List<Long> jobIds,
    Map<String, String> tags,
    Optional<String> fromState,
    Optional<String> toState,
    Optional<Instant> since,
    Optional<Instant> until,
    Optional<String> site,
    OptionalLong batchJobId,
    OptionalLong schedulerId) {

  public static final ReportFilter NONE =
      new ReportFilter(
          List.of(),
          Map.of(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          OptionalLong.empty());

  public ReportFilter {
    jobIds = List.copyOf(jobIds);
    tags = Map.copyOf(tags);
  }

  public ReportFilter withSchedulerId(long id) {
    return new ReportFilter(
        jobIds, tags, fromState, toState, since, until, site, batchJobId, OptionalLong.of(id));
  }

  public ReportFilter withTag(String key, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(tags);
    more.put(key, value);
    return new ReportFilter(
        jobIds, more, fromState, toState, since, until, site, batchJobId, schedulerId);
  }
}

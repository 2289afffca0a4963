package io.balsamexporter.ingest;

import io.balsamexporter.balsam.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the exporter keeps of a job: enough to attribute its events to a site, weigh it while
 * RUNNING and tally it per state, and nothing that grows with its parameters or output.
 *
 * @param tagValues the job's values for the configured tag label keys, in their order ("" when the
 *     job lacks the key)
 * @param batchJobId the batch job it last ran in, 0 when none (Balsam's ids start at 1)
 * @param tags all its tags, one shared map per distinct set: the reports filter on them
 */
public record JobRecord(
    long id,
    long appId,
    String state,
    double nodeWeight,
    List<String> tagValues,
    Instant lastUpdate,
    long batchJobId,
    Map<String, String> tags) {

  public static JobRecord of(Job job, List<String> tagKeys) {
    return of(job, tagKeys, new TagSets());
  }

  public static JobRecord of(Job job, List<String> tagKeys, TagSets tagSets) {
    List<String> values = List.of();
    if (!tagKeys.isEmpty()) {
      List<String> collected = new ArrayList<>(tagKeys.size());
      for (String key : tagKeys) {
        collected.add(job.tags().getOrDefault(key, "").intern());
      }
      values = List.copyOf(collected);
    }
    return new JobRecord(
        job.id(),
        job.appId(),
        job.state().intern(),
        job.nodeWeight(),
        values,
        job.lastUpdate(),
        job.batchJobId() == null ? 0 : job.batchJobId(),
        tagSets.intern(job.tags()));
  }
}

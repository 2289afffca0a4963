package io.balsamexporter.ingest;

import io.balsamexporter.balsam.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What the exporter keeps of a job: enough to attribute its events to a site, weigh it while
 * RUNNING and tally it per state, and nothing that grows with its parameters or output.
 *
 * @param tagValues the job's values for the configured tag label keys, in their order ("" when the
 *     job lacks the key)
 */
public record JobRecord(
    long id,
    long appId,
    String state,
    double nodeWeight,
    List<String> tagValues,
    Instant lastUpdate) {

  public static JobRecord of(Job job, List<String> tagKeys) {
    List<String> values = List.of();
    if (!tagKeys.isEmpty()) {
      List<String> collected = new ArrayList<>(tagKeys.size());
      for (String key : tagKeys) {
        collected.add(job.tags().getOrDefault(key, "").intern());
      }
      values = List.copyOf(collected);
    }
    return new JobRecord(
        job.id(), job.appId(), job.state().intern(), job.nodeWeight(), values, job.lastUpdate());
  }
}

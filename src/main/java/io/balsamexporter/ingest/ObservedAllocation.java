package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.JobStates;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * When the exporter saw a batch job hold its nodes: the poll that first saw it {@code running} and
 * the poll that first saw it in another state (or null while it runs). Balsam fills a batch job's
 * {@code start_time} and {@code end_time} only once the scheduler reports that it ended, so while a
 * campaign runs these are the only times there are.
 *
 * <p>Each is the start of the poll that saw the change: the true edge lies between the start of the
 * previous successful poll and this time, so it is early by at most one poll interval (more after
 * failed polls or a restart). A batch job already running when the exporter first saw it started
 * before that, by an unknown time.
 */
public record ObservedAllocation(Instant firstSeenRunning, Instant firstSeenLeft) {

  /**
   * The observations after a poll that read {@code batchJobs} at {@code seenAt}, given those before
   * it. A batch job that Balsam has timed at both ends is no longer watched: its own times hold.
   */
  static Map<Long, ObservedAllocation> update(
      Map<Long, ObservedAllocation> before, List<BatchJob> batchJobs, Instant seenAt) {
    Map<Long, ObservedAllocation> after = new HashMap<>();
    for (BatchJob batchJob : batchJobs) {
      ObservedAllocation seen = before.get(batchJob.id());
      boolean running = JobStates.BATCH_RUNNING.equals(batchJob.state());
      if (batchJob.startTime() != null && batchJob.endTime() != null) {
        continue;
      }
      if (seen == null && running) {
        seen = new ObservedAllocation(seenAt, null);
      } else if (seen != null && !running && seen.firstSeenLeft() == null) {
        seen = new ObservedAllocation(seen.firstSeenRunning(), seenAt);
      }
      if (seen != null) {
        after.put(batchJob.id(), seen);
      }
    }
    return Map.copyOf(after);
  }
}

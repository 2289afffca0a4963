package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.ingest.ObservedAllocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The batch jobs as the live reports draw them: Balsam's own {@code start_time} and {@code
 * end_time} where it has them, else the times the exporter observed, and a batch job still running
 * ends at {@code now}. A batch job never seen running that Balsam has not timed stays untimed, as
 * in Balsam's own report (it started and ended between two polls, or before the exporter's first).
 */
public final class LiveAllocations {
  private LiveAllocations() {}

  public static List<BatchJob> of(
      List<BatchJob> batchJobs, Map<Long, ObservedAllocation> observed, Instant now) {
    List<BatchJob> live = new ArrayList<>(batchJobs.size());
    for (BatchJob b : batchJobs) {
      ObservedAllocation seen = observed.get(b.id());
      Instant start =
          b.startTime() != null || seen == null ? b.startTime() : seen.firstSeenRunning();
      Instant end = b.endTime() != null || seen == null ? b.endTime() : seen.firstSeenLeft();
      if (start == null || (b.startTime() != null && b.endTime() != null)) {
        live.add(b);
        continue;
      }
      if (end == null && JobStates.BATCH_RUNNING.equals(b.state())) {
        end = now.isBefore(start) ? start : now;
      }
      live.add(b.withTimes(start, end));
    }
    return live;
  }

  /** Whether {@code b}'s times in the live view are the exporter's observations, not Balsam's. */
  public static boolean observed(BatchJob b, Map<Long, ObservedAllocation> observed) {
    return observed.containsKey(b.id()) && (b.startTime() == null || b.endTime() == null);
  }
}

package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.BatchJob;
import java.util.Arrays;
import java.util.Collection;

/**
 * The three reports of balsam.analytics 0.7.0a23, point for point: {@code throughput_report},
 * {@code utilization_report} and {@code available_nodes}. Each reads its input once or twice in
 * order and sorts only runs of equal times, never the whole series.
 */
public final class Reports {
  private Reports() {}

  /**
   * The events into {@code toState} in timestamp order; the i-th point has value i.
   *
   * @param fromState a further {@code from_state} filter, or {@link StateCodes#NONE} for any
   */
  public static Series throughput(EventScan scan, int toState, int fromState) {
    Series.Builder points = new Series.Builder();
    scan.forEach(
        (micros, job, from, to, nodes) -> {
          if (to == toState && (fromState == StateCodes.NONE || from == fromState)) {
            points.add(micros, points.size() + 1);
          }
        });
    return points.build();
  }

  /**
   * Running jobs (or their nodes) over time: +weight at every event into RUNNING, minus the weight
   * kept for the job at every event out of it, sorted by (time, delta) and summed left to right.
   *
   * <p>Upstream keeps one weight per job, overwritten as it walks the RUNNING events in the order
   * Balsam's default query returns them (newest first, ties by ascending id): the weight that
   * survives is that of the job's oldest RUNNING event, the highest id among equal oldest times.
   * Every exit, even one before that event, subtracts it; a job with no RUNNING event subtracts 1.
   * Like upstream's second query, a {@code to_state} filter narrows the exits and a {@code
   * from_state} filter the entries.
   *
   * @param fromState the caller's {@code from_state} filter, or {@link StateCodes#NONE}
   * @param toState the caller's {@code to_state} filter, or {@link StateCodes#NONE}
   */
  public static Series utilization(
      EventScan scan, boolean nodeWeighting, int fromState, int toState) {
    int running = StateCodes.RUNNING;
    int slots = scan.jobSlots();
    double[] kept = new double[slots];
    long[] keptAt = new long[slots];
    boolean[] has = new boolean[slots];
    scan.forEach(
        (micros, job, from, to, nodes) -> {
          if (to == running && (fromState == StateCodes.NONE || from == fromState)) {
            if (!has[job] || keptAt[job] == micros) {
              kept[job] = weight(nodeWeighting, nodes);
              keptAt[job] = micros;
              has[job] = true;
            }
          }
        });
    Series.Builder deltas = new Series.Builder();
    scan.forEach(
        (micros, job, from, to, nodes) -> {
          if (to == running && (fromState == StateCodes.NONE || from == fromState)) {
            deltas.add(micros, weight(nodeWeighting, nodes));
          }
          if (from == running && (toState == StateCodes.NONE || to == toState)) {
            deltas.add(micros, -(has[job] ? kept[job] : 1.0));
          }
        });
    sortDeltasWithinEqualTimes(deltas);
    accumulate(deltas);
    return deltas.build();
  }

  /**
   * Nodes held by batch jobs: +num_nodes at each start_time, -num_nodes at each end_time, sorted by
   * (time, delta) and summed; a batch job lacking either time is skipped.
   */
  public static Series availableNodes(Collection<BatchJob> batchJobs) {
    long[][] steps = new long[batchJobs.size() * 2][];
    int n = 0;
    for (BatchJob job : batchJobs) {
      if (job.startTime() == null || job.endTime() == null) {
        continue;
      }
      steps[n++] = new long[] {BalsamTime.toMicros(job.startTime()), job.numNodes()};
      steps[n++] = new long[] {BalsamTime.toMicros(job.endTime()), -job.numNodes()};
    }
    long[][] sorted = Arrays.copyOf(steps, n);
    Arrays.sort(
        sorted, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    Series.Builder points = new Series.Builder();
    long total = 0;
    for (long[] step : sorted) {
      total += step[1];
      points.add(step[0], total);
    }
    return points.build();
  }

  /** Upstream's KeyError on a RUNNING event without num_nodes becomes a weight of 1. */
  private static double weight(boolean nodeWeighting, double nodes) {
    return nodeWeighting && !Double.isNaN(nodes) ? nodes : 1.0;
  }

  /** The deltas come in time order; (time, delta) order needs only each tie sorted. */
  private static void sortDeltasWithinEqualTimes(Series.Builder deltas) {
    int n = deltas.size();
    for (int start = 0; start < n; ) {
      int end = start + 1;
      while (end < n && deltas.timeAt(end) == deltas.timeAt(start)) {
        end++;
      }
      if (end - start > 1) {
        deltas.sortValues(start, end);
      }
      start = end;
    }
  }

  private static void accumulate(Series.Builder deltas) {
    double total = 0;
    for (int i = 0; i < deltas.size(); i++) {
      total += deltas.valueAt(i);
      deltas.setValue(i, total);
    }
  }
}

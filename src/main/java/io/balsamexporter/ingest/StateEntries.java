package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.JobStates;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * When each unfinished job entered the state its newest event put it in: the timestamp of that
 * event, so that the age of a stuck job is what Balsam's own log says, not when the exporter
 * noticed. Jobs whose newest event ends in JOB_FINISHED or FAILED are dropped, so memory follows
 * the jobs still moving, not the whole history.
 */
final class StateEntries {
  /** The states a job never leaves on its own: they have no age worth watching. */
  static boolean isFinal(String state) {
    return JobStates.JOB_FINISHED.equals(state) || JobStates.FAILED.equals(state);
  }

  // Per job: (event micros << 5) | state index. Micros of this era fit in 52 bits, states in 5.
  private final Map<Long, Long> entries = new HashMap<>();

  /** Takes one counted event: it moves the job's entry only if no newer event did already. */
  void entered(Event event) {
    int state = JobStates.ALL.indexOf(event.toState());
    if (state < 0) {
      return;
    }
    long micros = BalsamTime.toMicros(event.timestamp());
    Long known = entries.get(event.jobId());
    if (known != null && (known >> 5) > micros) {
      return;
    }
    if (isFinal(event.toState())) {
      // A late event older than this one may bring the job back; ages() drops it, as the job's
      // listed state is final.
      entries.remove(event.jobId());
      return;
    }
    entries.put(event.jobId(), (micros << 5) | state);
  }

  /**
   * The ages of the jobs in each site and state, as of {@code asOf}. A job counts only while its
   * listed state is the one its newest event entered; entries of jobs that are gone or finished are
   * forgotten here.
   *
   * @param jobs the listed job of an id, or null
   * @param siteOfJob the site label of a listed job
   */
  Map<PollUpdate.StateGroup, PollUpdate.StateAge> ages(
      LongFunction<JobRecord> jobs,
      Function<JobRecord, String> siteOfJob,
      Instant asOf,
      Duration threshold) {
    long limit = BalsamTime.toMicros(asOf.minus(threshold));
    Map<PollUpdate.StateGroup, long[]> acc = new LinkedHashMap<>();
    for (Iterator<Map.Entry<Long, Long>> it = entries.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<Long, Long> entry = it.next();
      JobRecord job = jobs.apply(entry.getKey());
      if (job == null || isFinal(job.state())) {
        it.remove();
        continue;
      }
      String state = JobStates.ALL.get((int) (entry.getValue() & 31));
      if (!state.equals(job.state())) {
        continue;
      }
      long micros = entry.getValue() >> 5;
      long[] a =
          acc.computeIfAbsent(
              new PollUpdate.StateGroup(siteOfJob.apply(job), state),
              k -> new long[] {Long.MAX_VALUE, 0});
      a[0] = Math.min(a[0], micros);
      if (micros < limit) {
        a[1]++;
      }
    }
    Map<PollUpdate.StateGroup, PollUpdate.StateAge> ages = new LinkedHashMap<>();
    acc.forEach(
        (group, a) ->
            ages.put(group, new PollUpdate.StateAge(BalsamTime.fromMicros(a[0]), (int) a[1])));
    return ages;
  }

  int size() {
    return entries.size();
  }
}

package io.balsamexporter.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pairs the two ends of a per-job interval (e.g. entering RUNNING and leaving it) whichever end
 * arrives first, since events reach the API late and out of order. Each end pairs at most once: an
 * end with the latest open start at or before it, a start with the earliest open end at or after
 * it. Only unpaired ends are kept, so memory follows the jobs inside an interval right now.
 */
final class IntervalPairer {

  /** A closed interval; {@code outcome} is what its end said (e.g. the state left to). */
  record Closed(double seconds, String outcome) {}

  private static final class Open {
    final TreeSet<Long> starts = new TreeSet<>();
    final TreeMap<Long, String> ends = new TreeMap<>();

    boolean isEmpty() {
      return starts.isEmpty() && ends.isEmpty();
    }
  }

  private final Map<Long, Open> open = new HashMap<>();

  /** A start at {@code micros}; closes the interval if its end was already known. */
  Optional<Closed> start(long jobId, long micros) {
    Open job = open.computeIfAbsent(jobId, id -> new Open());
    Map.Entry<Long, String> end = job.ends.ceilingEntry(micros);
    if (end != null) {
      job.ends.remove(end.getKey());
      forgetIfEmpty(jobId, job);
      return Optional.of(new Closed(seconds(end.getKey() - micros), end.getValue()));
    }
    job.starts.add(micros);
    return Optional.empty();
  }

  /** An end at {@code micros}; closes the interval if its start was already known. */
  Optional<Closed> end(long jobId, long micros, String outcome) {
    Open job = open.computeIfAbsent(jobId, id -> new Open());
    Long start = job.starts.floor(micros);
    if (start != null) {
      job.starts.remove(start);
      forgetIfEmpty(jobId, job);
      return Optional.of(new Closed(seconds(micros - start), outcome));
    }
    job.ends.put(micros, outcome);
    return Optional.empty();
  }

  /**
   * Jobs with an unpaired end: those inside the interval now, and those whose other end is lost.
   */
  int openJobs() {
    return open.size();
  }

  private void forgetIfEmpty(long jobId, Open job) {
    if (job.isEmpty()) {
      open.remove(jobId);
    }
  }

  private static double seconds(long micros) {
    return micros / 1_000_000.0;
  }
}

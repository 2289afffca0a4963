package io.balsamexporter.ingest;

import io.balsamexporter.balsam.JobStates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every job the API shows, with per-state tallies kept up to date on each change, so the state
 * gauges cost nothing per job at scrape or poll time.
 */
final class JobIndex {
  /**
   * How long a job may sit in one state before it counts as long in it. Balsam's site agent moves a
   * job out of READY, STAGED_IN, RUN_DONE, RUN_ERROR, RUN_TIMEOUT and POSTPROCESSED within a cycle
   * of its services (seconds to a minute), and a launcher picks up runnable work within its own
   * cycle while an allocation runs: an hour is far beyond either, so a job counted in those states
   * is stuck, not slow. For RUNNING it counts the long runs, compared with the apps' wall times by
   * the operator; the exact age is the oldest entry timestamp.
   */
  static final Duration LONG_IN_STATE = Duration.ofHours(1);

  /** A group of jobs that share everything the state gauges are labelled with. */
  record StateKey(long appId, String state, List<String> tagValues) {}

  private final Map<Long, JobRecord> jobs = new HashMap<>();
  private final Map<StateKey, Integer> perState = new HashMap<>();
  private final Set<Long> running = new HashSet<>();
  private final StateEntries entries = new StateEntries();
  // What the next update tells the reports' journal: the jobs put since the last one.
  private List<JobRecord> indexedSincePublished = new ArrayList<>();
  private boolean replacedSincePublished;

  int size() {
    return jobs.size();
  }

  boolean contains(long jobId) {
    return jobs.containsKey(jobId);
  }

  JobRecord get(long jobId) {
    return jobs.get(jobId);
  }

  void put(JobRecord job) {
    indexedSincePublished.add(job);
    JobRecord old = jobs.put(job.id(), job);
    if (old != null) {
      untally(old);
    }
    tally(job);
  }

  /** Replaces the whole index by a full listing: jobs absent from it were deleted. */
  void replaceAll(Collection<JobRecord> all) {
    jobs.clear();
    perState.clear();
    running.clear();
    indexedSincePublished = new ArrayList<>(all.size());
    replacedSincePublished = true;
    all.forEach(this::put);
  }

  /** The jobs put since the last call, and whether the index was replaced whole meanwhile. */
  PollUpdate.IndexedJobs takeIndexed() {
    PollUpdate.IndexedJobs taken =
        new PollUpdate.IndexedJobs(indexedSincePublished, replacedSincePublished);
    indexedSincePublished = new ArrayList<>();
    replacedSincePublished = false;
    return taken;
  }

  Map<StateKey, Integer> perState() {
    return perState;
  }

  /** The jobs RUNNING now; few compared with all jobs, so sums over them are recomputed exactly. */
  Collection<JobRecord> runningJobs() {
    return running.stream().map(jobs::get).toList();
  }

  /** Notes a counted event: it may be the newest into its job's state. */
  void entered(io.balsamexporter.balsam.Event event) {
    entries.entered(event);
  }

  /** The state gauges' view of these jobs, with no ages. */
  PollUpdate.ClusterState state(Inventory catalog, Instant newestEvent) {
    return state(catalog, newestEvent, null);
  }

  /**
   * The state gauges' view of these jobs, attributed to sites through {@code catalog}.
   *
   * @param asOf when the state is taken, for the jobs long in their state; null: no ages
   */
  PollUpdate.ClusterState state(Inventory catalog, Instant newestEvent, Instant asOf) {
    Map<PollUpdate.JobGroup, Integer> groups = new LinkedHashMap<>();
    perState.forEach(
        (key, n) ->
            groups.merge(
                new PollUpdate.JobGroup(
                    catalog.siteOfApp(key.appId()), key.state(), key.tagValues()),
                n,
                Integer::sum));
    Map<PollUpdate.NodeGroup, Double> nodes = new LinkedHashMap<>();
    runningJobs().stream()
        .sorted(Comparator.comparingLong(JobRecord::id))
        .forEach(
            job ->
                nodes.merge(
                    new PollUpdate.NodeGroup(catalog.siteOfApp(job.appId()), job.tagValues()),
                    job.nodeWeight(),
                    Double::sum));
    Map<PollUpdate.AppGroup, Integer> perApp = new LinkedHashMap<>();
    perState.forEach(
        (key, n) ->
            perApp.merge(
                new PollUpdate.AppGroup(catalog.siteOfApp(key.appId()), key.appId(), key.state()),
                n,
                Integer::sum));
    Map<PollUpdate.StateGroup, PollUpdate.StateAge> ages =
        asOf == null
            ? Map.of()
            : entries.ages(jobs::get, job -> catalog.siteOfApp(job.appId()), asOf, LONG_IN_STATE);
    return new PollUpdate.ClusterState(
        catalog, groups, nodes, Optional.ofNullable(newestEvent), perApp, ages);
  }

  private void tally(JobRecord job) {
    perState.merge(key(job), 1, Integer::sum);
    if (JobStates.RUNNING.equals(job.state())) {
      running.add(job.id());
    }
  }

  private void untally(JobRecord job) {
    perState.computeIfPresent(key(job), (k, n) -> n == 1 ? null : n - 1);
    running.remove(job.id());
  }

  private static StateKey key(JobRecord job) {
    return new StateKey(job.appId(), job.state(), job.tagValues());
  }
}

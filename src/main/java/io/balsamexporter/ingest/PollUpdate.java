package io.balsamexporter.ingest;

import io.balsamexporter.balsam.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one poll (or one page of the first sync) adds: the events counted for the first time, the
 * intervals they closed, and, once the state is known, the current state of everything.
 *
 * @param newJobTags the tag label values of the jobs this update makes known, in job id order and
 *     without repeats: label values go to the jobs that had them first, so that an exporter started
 *     later gives the same values their own series
 * @param events events never counted before, in (timestamp, id) order
 * @param duplicates events read again that had been counted already (the older events of a changed
 *     job, read with its new ones)
 * @param state the state after the poll; empty for the pages of the first sync before its end
 * @param indexedJobs the jobs this update put into the job index, for the reports' journal
 */
public record PollUpdate(
    List<List<String>> newJobTags,
    List<CountedEvent> events,
    List<Interval> runs,
    List<Interval> queueWaits,
    long duplicates,
    Optional<ClusterState> state,
    IndexedJobs indexedJobs) {

  /** An update that indexes no job. */
  public PollUpdate(
      List<List<String>> newJobTags,
      List<CountedEvent> events,
      List<Interval> runs,
      List<Interval> queueWaits,
      long duplicates,
      Optional<ClusterState> state) {
    this(newJobTags, events, runs, queueWaits, duplicates, state, IndexedJobs.NONE);
  }

  /**
   * Jobs put into the job index, new or changed, in the order put.
   *
   * @param replacedAll the index was rebuilt from a full listing first: jobs it no longer holds
   *     were deleted
   */
  public record IndexedJobs(List<JobRecord> jobs, boolean replacedAll) {
    public static final IndexedJobs NONE = new IndexedJobs(List.of(), false);
  }

  /**
   * An event counted now, attributed to its job's site, app and tag label values.
   *
   * @param appId the job's app, 0 when the job was not known when the event was counted (Balsam's
   *     ids start at 1)
   * @param late true when an event with a later timestamp had already been counted
   */
  public record CountedEvent(
      Event event, String site, long appId, List<String> tagValues, boolean late) {

    /** An event of a job whose app is not known. */
    public CountedEvent(Event event, String site, List<String> tagValues, boolean late) {
      this(event, site, 0, tagValues, late);
    }
  }

  /**
   * A closed interval of one job: RUNNING until it left (outcome = the state it left to), or
   * runnable until RUNNING (outcome empty).
   */
  public record Interval(String site, String outcome, double seconds) {}

  /** Jobs that share site, state and tag label values. */
  public record JobGroup(String site, String state, List<String> tagValues) {}

  /** Running jobs that share site and tag label values. */
  public record NodeGroup(String site, List<String> tagValues) {}

  /** Jobs of one app in one state. */
  public record AppGroup(String site, long appId, String state) {}

  /** Jobs of one site in one state. */
  public record StateGroup(String site, String state) {}

  /**
   * How long the jobs of one site and state have been in it.
   *
   * @param oldestEntry when the job that has been in the state longest entered it: the timestamp of
   *     its newest event into the state
   * @param overThreshold the jobs that entered it more than {@link JobIndex#LONG_IN_STATE} before
   *     the state was taken
   */
  public record StateAge(Instant oldestEntry, int overThreshold) {}

  /**
   * The state of the Balsam deployment after a poll.
   *
   * @param jobsPerState the number of jobs per group; groups with no job are absent
   * @param runningNodes {@code num_nodes/node_packing_count} summed over RUNNING jobs
   * @param newestEvent the newest event time counted so far, if any
   * @param jobsPerApp the number of jobs per app and state; groups with no job are absent
   * @param stateAges per site and non-final state that holds jobs whose entry is known
   */
  public record ClusterState(
      Inventory inventory,
      Map<JobGroup, Integer> jobsPerState,
      Map<NodeGroup, Double> runningNodes,
      Optional<Instant> newestEvent,
      Map<AppGroup, Integer> jobsPerApp,
      Map<StateGroup, StateAge> stateAges) {

    /** A state that knows nothing per app nor of ages. */
    public ClusterState(
        Inventory inventory,
        Map<JobGroup, Integer> jobsPerState,
        Map<NodeGroup, Double> runningNodes,
        Optional<Instant> newestEvent) {
      this(inventory, jobsPerState, runningNodes, newestEvent, Map.of(), Map.of());
    }
  }
}

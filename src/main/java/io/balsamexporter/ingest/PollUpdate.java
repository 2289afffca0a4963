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
   * An event counted now, attributed to its job's site and tag label values.
   *
   * @param late true when an event with a later timestamp had already been counted
   */
  public record CountedEvent(Event event, String site, List<String> tagValues, boolean late) {}

  /**
   * A closed interval of one job: RUNNING until it left (outcome = the state it left to), or
   * runnable until RUNNING (outcome empty).
   */
  public record Interval(String site, String outcome, double seconds) {}

  /** Jobs that share site, state and tag label values. */
  public record JobGroup(String site, String state, List<String> tagValues) {}

  /** Running jobs that share site and tag label values. */
  public record NodeGroup(String site, List<String> tagValues) {}

  /**
   * The state of the Balsam deployment after a poll.
   *
   * @param jobsPerState the number of jobs per group; groups with no job are absent
   * @param runningNodes {@code num_nodes/node_packing_count} summed over RUNNING jobs
   * @param newestEvent the newest event time counted so far, if any
   */
  public record ClusterState(
      Inventory inventory,
      Map<JobGroup, Integer> jobsPerState,
      Map<NodeGroup, Double> runningNodes,
      Optional<Instant> newestEvent) {}
}

package io.balsamexporter.sim.store;

import static io.balsamexporter.balsam.JobStates.AWAITING_PARENTS;
import static io.balsamexporter.balsam.JobStates.JOB_FINISHED;
import static io.balsamexporter.balsam.JobStates.POSTPROCESSED;
import static io.balsamexporter.balsam.JobStates.READY;
import static io.balsamexporter.balsam.JobStates.STAGED_IN;
import static io.balsamexporter.balsam.JobStates.STAGED_OUT;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's job state machine (balsam-api.md §5): which state a request really stores, which
 * event it logs, and when waiting children are released. Nothing validates transitions: any state
 * may follow any other, as on the real server.
 */
final class JobStateRules {
  private JobStateRules() {}

  /**
   * Moves {@code job} towards {@code requested}, logging one event stamped {@code stamp}; a request
   * for the state the job is already in changes nothing and logs nothing. Returns the job as stored
   * (its {@code last_update} is left to the caller).
   */
  static Job changeState(
      SimData data, Job job, String requested, Instant stamp, Map<String, Object> clientData) {
    if (requested == null || requested.equals(job.state())) {
      return job;
    }
    String stored = requested;
    Map<String, Object> eventData = EventData.stored(clientData);
    if (READY.equals(stored) && !data.unfinishedStageIn.contains(job.id())) {
      stored = STAGED_IN;
      eventData = EventData.withMessage(eventData, EventData.SKIPPED_STAGE_IN);
    }
    if (POSTPROCESSED.equals(stored) && !data.unfinishedStageOut.contains(job.id())) {
      stored = JOB_FINISHED;
      eventData = EventData.withMessage(eventData, EventData.SKIPPED_STAGE_OUT);
    }
    if (STAGED_OUT.equals(stored)) {
      stored = JOB_FINISHED;
    }
    data.events.add(new Event(data.nextEventId++, job.id(), stamp, job.state(), stored, eventData));
    return StoredJobs.withState(job, stored, job.lastUpdate());
  }

  /** The state a new job starts in, given its parents and whether it has a stage-in transfer. */
  static String initialState(SimData data, Collection<Long> parentIds, boolean hasStageIn) {
    for (Long parentId : parentIds) {
      Job parent = data.jobs.get(parentId);
      if (parent == null || !JOB_FINISHED.equals(parent.state())) {
        return AWAITING_PARENTS;
      }
    }
    return hasStageIn ? READY : STAGED_IN;
  }

  /**
   * Releases every AWAITING_PARENTS child of {@code updatedIds} whose parents are all finished,
   * stamped with the server's {@code now}, as the server does at the end of a job PATCH.
   */
  static List<Long> releaseChildren(SimData data, Set<Long> updatedIds, Instant now) {
    List<Job> ready = new ArrayList<>();
    for (Job candidate : data.jobs.values()) {
      if (AWAITING_PARENTS.equals(candidate.state())
          && hasAny(candidate.parentIds(), updatedIds)
          && allFinished(data, candidate.parentIds())) {
        ready.add(candidate);
      }
    }
    List<Long> released = new ArrayList<>(ready.size());
    for (Job child : ready) {
      Job moved =
          changeState(data, child, READY, now, EventData.message(EventData.ALL_PARENTS_FINISHED));
      data.jobs.put(child.id(), StoredJobs.withState(moved, moved.state(), now));
      released.add(child.id());
    }
    return released;
  }

  private static boolean hasAny(List<Long> parentIds, Set<Long> ids) {
    for (Long id : parentIds) {
      if (ids.contains(id)) {
        return true;
      }
    }
    return false;
  }

  private static boolean allFinished(SimData data, List<Long> parentIds) {
    for (Long id : parentIds) {
      Job parent = data.jobs.get(id);
      if (parent != null && !JOB_FINISHED.equals(parent.state())) {
        return false;
      }
    }
    return true;
  }
}

package io.balsamexporter.sim.store;

import static io.balsamexporter.balsam.JobStates.CREATED;
import static io.balsamexporter.balsam.JobStates.JOB_FINISHED;
import static io.balsamexporter.balsam.JobStates.POSTPROCESSED;
import static io.balsamexporter.balsam.JobStates.READY;
import static io.balsamexporter.balsam.JobStates.STAGED_IN;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** The job write calls of balsam-api.md §6, each run inside one store transaction. */
final class JobWrites {
  private final Scope scope;

  JobWrites(Scope scope) {
    this.scope = scope;
  }

  List<Job> create(SimData data, List<NewJob> specs, Instant now) {
    List<boolean[]> directions = new ArrayList<>(specs.size());
    for (NewJob spec : specs) {
      App app = data.apps.get(spec.appId());
      if (app == null || !scope.ownsSite(data, app.siteId())) {
        throw SimRejection.notFound("Could not find one or more Apps. Double check app_id fields.");
      }
      for (Long parentId : spec.parentIds()) {
        if (!scope.ownsJob(data, parentId)) {
          throw SimRejection.notFound(
              "Could not find one or more Jobs set as parents. Double check parent_ids fields.");
        }
      }
      directions.add(transferDirections(data, app, spec.transfers()));
    }
    List<Job> created = new ArrayList<>(specs.size());
    for (int i = 0; i < specs.size(); i++) {
      NewJob spec = specs.get(i);
      boolean stageIn = directions.get(i)[0];
      long id = data.nextJobId++;
      String state = JobStateRules.initialState(data, spec.parentIds(), stageIn);
      Job job = newJob(id, spec, state, now);
      data.jobs.put(id, job);
      data.events.add(new Event(data.nextEventId++, id, now, CREATED, state, EventData.EMPTY));
      if (stageIn) {
        data.unfinishedStageIn.add(id);
      }
      if (directions.get(i)[1]) {
        data.unfinishedStageOut.add(id);
      }
      created.add(job);
    }
    return created;
  }

  int update(SimData data, List<JobUpdate> updates, Instant now) {
    Set<Long> ids = new LinkedHashSet<>();
    for (JobUpdate update : updates) {
      if (!ids.add(update.id())) {
        throw SimRejection.badRequest("Duplicate Job ID keys provided");
      }
    }
    for (JobUpdate update : updates) {
      if (!scope.ownsJob(data, update.id())) {
        throw SimRejection.badRequest("Could not find some Job IDs");
      }
      if (update.state() != null) {
        JobStates.canonical(update.state());
      }
    }
    boolean anyFinished = false;
    for (JobUpdate update : updates) {
      Job job = data.jobs.get(update.id());
      Long batchJobId = update.batchJobId() != null ? update.batchJobId() : job.batchJobId();
      Integer returnCode = update.returnCode() != null ? update.returnCode() : job.returnCode();
      job =
          StoredJobs.withProgress(
              job, job.state(), job.sessionId(), batchJobId, returnCode, job.lastUpdate());
      if (update.state() != null) {
        Instant stamp =
            update.stateTimestamp() == null ? now : StoredJobs.micros(update.stateTimestamp());
        job =
            JobStateRules.changeState(
                data, job, JobStates.canonical(update.state()), stamp, update.stateData());
      }
      job = StoredJobs.withState(job, job.state(), now);
      data.jobs.put(job.id(), job);
      anyFinished |= JOB_FINISHED.equals(job.state());
    }
    if (anyFinished) {
      JobStateRules.releaseChildren(data, ids, now);
    }
    return updates.size();
  }

  /**
   * The transfer service marked a job's {@code direction} items done. As on the real server the
   * job's state (not the items) says which direction is checked, and children are not released.
   */
  void completeTransfers(SimData data, long jobId, String direction, Instant now) {
    if (!"in".equals(direction) && !"out".equals(direction)) {
      throw new IllegalArgumentException("transfer direction must be in or out: " + direction);
    }
    if (!scope.ownsJob(data, jobId)) {
      throw new NoSuchElementException("no job " + jobId);
    }
    ("in".equals(direction) ? data.unfinishedStageIn : data.unfinishedStageOut).remove(jobId);
    Job job = data.jobs.get(jobId);
    String next = null;
    if (READY.equals(job.state()) && !data.unfinishedStageIn.contains(jobId)) {
      next = STAGED_IN;
    } else if (POSTPROCESSED.equals(job.state()) && !data.unfinishedStageOut.contains(jobId)) {
      next = JOB_FINISHED;
    }
    if (next != null) {
      data.events.add(
          new Event(data.nextEventId++, jobId, now, job.state(), next, EventData.EMPTY));
      data.jobs.put(jobId, StoredJobs.withState(job, next, now));
    }
  }

  /** Deletes the jobs (except those held by a session), their descendants and their events. */
  Set<Long> delete(SimData data, Collection<Long> ids) {
    Set<Long> doomed = new HashSet<>();
    for (Long id : ids) {
      Job job = data.jobs.get(id);
      if (job != null && scope.ownsJob(data, id) && job.sessionId() == null) {
        doomed.add(id);
      }
    }
    Set<Long> frontier = new HashSet<>(doomed);
    // Each round adds at least one job or ends, so there are at most as many rounds as jobs.
    for (int round = 0; !frontier.isEmpty() && round <= data.jobs.size(); round++) {
      Set<Long> children = new HashSet<>();
      for (Job job : data.jobs.values()) {
        if (!doomed.contains(job.id()) && job.parentIds().stream().anyMatch(frontier::contains)) {
          children.add(job.id());
        }
      }
      doomed.addAll(children);
      frontier = children;
    }
    doomed.forEach(data.jobs::remove);
    data.unfinishedStageIn.removeAll(doomed);
    data.unfinishedStageOut.removeAll(doomed);
    data.events.removeIf(event -> doomed.contains(event.jobId()));
    return doomed;
  }

  /** {in, out}: whether the job has stage-in / stage-out items; rejects unknown slots. */
  private static boolean[] transferDirections(
      SimData data, App app, Map<String, NewJob.TransferRef> transfers) {
    boolean[] directions = new boolean[2];
    Site site = data.sites.get(app.siteId());
    for (Map.Entry<String, NewJob.TransferRef> entry : transfers.entrySet()) {
      if (!(app.transfers().get(entry.getKey()) instanceof Map<?, ?> slot)) {
        throw SimRejection.badRequest(
            "App " + app.name() + " has no Transfer slot named " + entry.getKey());
      }
      String alias = entry.getValue().locationAlias();
      if (!site.transferLocations().containsKey(alias)) {
        throw SimRejection.badRequest("Site has no Transfer URL named " + alias);
      }
      directions["in".equals(slot.get("direction")) ? 0 : 1] = true;
    }
    return directions;
  }

  /** The stored row of a new job, its maps put in JSONB order. */
  static Job newJob(long id, NewJob spec, String state, Instant now) {
    NewJob.Resources r = spec.resources();
    return StoredJobs.fromSpec(
        id,
        spec,
        state,
        now,
        JsonbOrder.sortedKeys(spec.tags()),
        JsonbOrder.ordered(spec.data()),
        JsonbOrder.sortedKeys(r.launchParams()));
  }
}

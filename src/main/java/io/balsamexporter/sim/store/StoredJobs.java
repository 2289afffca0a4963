package io.balsamexporter.sim.store;

import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Small helpers for the immutable Job rows of the store. */
public final class StoredJobs {
  private StoredJobs() {}

  /** PostgreSQL keeps microseconds: so does the simulator, so stored and served times agree. */
  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** A copy of {@code job} with the fields a PATCH or the server's state machine change. */
  public static Job withProgress(
      Job job,
      String state,
      Long sessionId,
      Long batchJobId,
      Integer returnCode,
      Instant lastUpdate) {
    return new Job(
        job.id(),
        job.workdir(),
        job.tags(),
        job.appId(),
        sessionId,
        job.serializedParameters(),
        job.serializedReturnValue(),
        job.serializedException(),
        batchJobId,
        state,
        lastUpdate,
        job.data(),
        returnCode,
        job.pendingFileCleanup(),
        job.parentIds(),
        job.numNodes(),
        job.ranksPerNode(),
        job.threadsPerRank(),
        job.threadsPerCore(),
        job.gpusPerRank(),
        job.nodePackingCount(),
        job.wallTimeMin(),
        job.launchParams());
  }

  static Job withState(Job job, String state, Instant lastUpdate) {
    Long session = JobStates.RUNNING.equals(state) ? job.sessionId() : null;
    return withProgress(job, state, session, job.batchJobId(), job.returnCode(), lastUpdate);
  }

  /** A job row from a creation request, with maps the caller has already put in JSONB order. */
  public static Job fromSpec(
      long id,
      NewJob spec,
      String state,
      Instant now,
      Map<String, String> tags,
      Map<String, Object> data,
      Map<String, String> launchParams) {
    NewJob.Resources r = spec.resources();
    return new Job(
        id,
        spec.workdir(),
        tags,
        spec.appId(),
        null,
        spec.serializedParameters(),
        "",
        "",
        null,
        state,
        now,
        data,
        null,
        true,
        spec.parentIds(),
        r.numNodes(),
        r.ranksPerNode(),
        r.threadsPerRank(),
        r.threadsPerCore(),
        r.gpusPerRank(),
        r.nodePackingCount(),
        r.wallTimeMin(),
        launchParams);
  }
}

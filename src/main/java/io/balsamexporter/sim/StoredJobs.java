package io.balsamexporter.sim;

import io.balsamexporter.balsam.Job;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Small helpers for the immutable Job rows of the store. */
final class StoredJobs {
  private StoredJobs() {}

  /** PostgreSQL keeps microseconds: so does the simulator, so stored and served times agree. */
  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /** A copy of {@code job} with the fields a PATCH or the server's state machine change. */
  static Job withProgress(
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
}

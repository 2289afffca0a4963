package io.balsamexporter.sim.store;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.JobStates;

/** How the server applies a batch-job update (balsam-api.md §6). */
final class BatchJobRules {
  private BatchJobRules() {}

  /**
   * Sets every given field; the state too, except that a batch job pending deletion accepts only a
   * change to finished (other state changes are silently ignored).
   */
  static BatchJob apply(SimData data, BatchJobUpdate update) {
    BatchJob old = data.batchJobs.get(update.id());
    String state = old.state();
    if (update.state() != null
        && (!JobStates.BATCH_PENDING_DELETION.equals(old.state())
            || JobStates.BATCH_FINISHED.equals(update.state()))) {
      state = JobStates.canonicalBatchState(update.state());
    }
    BatchJob updated =
        new BatchJob(
            old.numNodes(),
            old.wallTimeMin(),
            old.jobMode(),
            old.optionalParams(),
            old.filterTags(),
            old.partitions(),
            old.id(),
            old.siteId(),
            update.schedulerId() != null ? update.schedulerId() : old.schedulerId(),
            old.project(),
            old.queue(),
            state,
            update.statusInfo() != null
                ? JsonbOrder.sortedKeys(update.statusInfo())
                : old.statusInfo(),
            update.startTime() != null ? StoredJobs.micros(update.startTime()) : old.startTime(),
            update.endTime() != null ? StoredJobs.micros(update.endTime()) : old.endTime());
    data.batchJobs.put(updated.id(), updated);
    return updated;
  }
}

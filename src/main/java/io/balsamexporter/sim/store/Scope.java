package io.balsamexporter.sim.store;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Job;

/**
 * Whose objects a write may touch: every call is scoped to the token's user, and another user's ids
 * behave like ids that do not exist (balsam-api.md §1). {@code owner == null} means any user, for
 * the workload generator and fixture loading.
 */
record Scope(Long owner) {
  static final Scope ANY_USER = new Scope(null);

  boolean ownsSite(SimData data, long siteId) {
    if (!data.sites.containsKey(siteId)) {
      return false;
    }
    return owner == null || owner.equals(data.siteOwner.get(siteId));
  }

  boolean ownsJob(SimData data, long jobId) {
    Job job = data.jobs.get(jobId);
    if (job == null) {
      return false;
    }
    App app = data.apps.get(job.appId());
    return app != null && ownsSite(data, app.siteId());
  }

  boolean ownsBatchJob(SimData data, long batchJobId) {
    var batchJob = data.batchJobs.get(batchJobId);
    return batchJob != null && ownsSite(data, batchJob.siteId());
  }
}

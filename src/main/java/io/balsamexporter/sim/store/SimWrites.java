package io.balsamexporter.sim.store;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The server side of Balsam's write calls (balsam-api.md §5–§6) on the simulator's store. Each
 * method is one transaction; server times come from the store's clock, truncated to microseconds as
 * PostgreSQL stores them. Refusals the real server answers with {@code {"detail": …}} are {@link
 * SimRejection}s carrying that text; a missing single object is a {@link NoSuchElementException}
 * (the server's 404 {@code {"error":"Not found"}}).
 */
public final class SimWrites {
  private final SimStore store;
  private final Scope scope;
  private final JobWrites jobs;

  /** Writes on behalf of any user: for the workload generator and fixture loading. */
  public SimWrites(SimStore store) {
    this(store, Scope.ANY_USER);
  }

  private SimWrites(SimStore store, Scope scope) {
    this.store = store;
    this.scope = scope;
    this.jobs = new JobWrites(scope);
  }

  /** Writes as the HTTP API does for a token of {@code userId}: others' ids do not exist. */
  public static SimWrites forUser(SimStore store, long userId) {
    return new SimWrites(store, new Scope(userId));
  }

  public Site createSite(long ownerUserId, String name, String path, SiteSettings settings) {
    return store.write(
        d -> {
          for (Site site : d.sites.values()) {
            if (site.name().equals(name)
                && Long.valueOf(ownerUserId).equals(d.siteOwner.get(site.id()))) {
              throw SimRejection.badRequest("A site with this name already exists");
            }
          }
          Instant now = now();
          Site site = newSite(d.nextSiteId++, name, path, settings, now);
          d.sites.put(site.id(), site);
          d.siteOwner.put(site.id(), ownerUserId);
          return site;
        });
  }

  /**
   * What a site agent's {@code PUT /sites/{id}} sends each cycle; a null argument is left
   * unchanged, and {@code last_refresh} becomes the server's time either way.
   */
  public Site refreshSite(
      long siteId,
      Map<String, List<Site.BackfillWindow>> backfill,
      Map<String, Site.QueuedJob> queued) {
    return store.write(
        d -> {
          Site site = ownedSite(d, siteId);
          Site refreshed =
              new Site(
                  site.name(),
                  site.path(),
                  site.globusEndpointId(),
                  backfill == null ? site.backfillWindows() : JsonbOrder.sortedKeys(backfill),
                  queued == null ? site.queuedJobs() : JsonbOrder.sortedKeys(queued),
                  site.optionalBatchJobParams(),
                  site.allowedProjects(),
                  site.allowedQueues(),
                  site.transferLocations(),
                  site.id(),
                  now(),
                  site.creationDate());
          d.sites.put(siteId, refreshed);
          return refreshed;
        });
  }

  public App createApp(long siteId, String name, AppSpec spec) {
    return store.write(
        d -> {
          ownedSite(d, siteId);
          for (App app : d.apps.values()) {
            if (app.siteId() == siteId && app.name().equals(name)) {
              throw SimRejection.badRequest("An app with this site_id and name already exists");
            }
          }
          App app =
              new App(
                  siteId,
                  name,
                  spec.serializedClass(),
                  spec.sourceCode(),
                  spec.description(),
                  JsonbOrder.ordered(spec.parameters()),
                  JsonbOrder.ordered(spec.transfers()),
                  d.nextAppId++);
          d.apps.put(app.id(), app);
          return app;
        });
  }

  /**
   * {@code POST /jobs/}: all jobs or none. Initial state AWAITING_PARENTS if a parent is not
   * finished, else READY with a stage-in transfer, else STAGED_IN; one server-stamped creation
   * event each.
   */
  public List<Job> createJobs(List<NewJob> specs) {
    return store.write(d -> jobs.create(d, specs, now()));
  }

  /**
   * Bulk {@code PATCH /jobs/}; returns the number of jobs updated. Items are applied in order;
   * children whose parents are now all finished are released in the same transaction.
   */
  public int updateJobs(List<JobUpdate> updates) {
    return store.write(d -> jobs.update(d, updates, now()));
  }

  /**
   * The site's transfer service finished a job's {@code "in"} or {@code "out"} items: READY becomes
   * STAGED_IN, POSTPROCESSED becomes JOB_FINISHED, server-stamped. Upstream bug kept: children of a
   * job finished this way stay AWAITING_PARENTS.
   */
  public void completeTransfers(long jobId, String direction) {
    store.update(d -> jobs.completeTransfers(d, jobId, direction, now()));
  }

  /**
   * Deletes jobs with their events, as {@code DELETE /jobs/} does: the real server also deletes
   * every descendant and skips jobs a launcher session holds. Unknown ids are ignored.
   */
  public Set<Long> deleteJobs(Collection<Long> ids) {
    return store.write(d -> jobs.delete(d, ids));
  }

  /** {@code POST /batch-jobs/}: pending_submission, no scheduler id yet. */
  public BatchJob createBatchJob(NewBatchJob spec) {
    return store.write(
        d -> {
          if (!scope.ownsSite(d, spec.siteId())) {
            throw SimRejection.badRequest("No site with ID " + spec.siteId());
          }
          BatchJob created =
              new BatchJob(
                  spec.numNodes(),
                  spec.wallTimeMin(),
                  spec.jobMode(),
                  JsonbOrder.sortedKeys(spec.optionalParams()),
                  JsonbOrder.sortedKeys(spec.filterTags()),
                  spec.partitions() == null
                      ? null
                      : spec.partitions().stream().map(JsonbOrder::ordered).toList(),
                  d.nextBatchJobId++,
                  spec.siteId(),
                  null,
                  spec.project(),
                  spec.queue(),
                  JobStates.BATCH_PENDING_SUBMISSION,
                  Map.of(),
                  null,
                  null);
          d.batchJobs.put(created.id(), created);
          return created;
        });
  }

  /** {@code PUT /batch-jobs/{id}}. */
  public BatchJob updateBatchJob(BatchJobUpdate update) {
    return store.write(
        d -> {
          if (!scope.ownsBatchJob(d, update.id())) {
            throw new NoSuchElementException("no batch job " + update.id());
          }
          return BatchJobRules.apply(d, update);
        });
  }

  /** Bulk {@code PATCH /batch-jobs/}: all ids must exist; returns the updated batch jobs. */
  public List<BatchJob> updateBatchJobs(List<BatchJobUpdate> updates) {
    return store.write(
        d -> {
          for (BatchJobUpdate update : updates) {
            if (!scope.ownsBatchJob(d, update.id())) {
              throw SimRejection.badRequest("Could not find some Batch Job IDs");
            }
          }
          List<BatchJob> updated = new ArrayList<>(updates.size());
          for (BatchJobUpdate update : updates) {
            updated.add(BatchJobRules.apply(d, update));
          }
          return updated;
        });
  }

  public static Site newSite(
      long id, String name, String path, SiteSettings settings, Instant now) {
    return new Site(
        name,
        path,
        settings.globusEndpointId(),
        Map.of(),
        Map.of(),
        JsonbOrder.sortedKeys(settings.optionalBatchJobParams()),
        settings.allowedProjects(),
        JsonbOrder.sortedKeys(settings.allowedQueues()),
        JsonbOrder.sortedKeys(settings.transferLocations()),
        id,
        now,
        now);
  }

  private Site ownedSite(SimData d, long siteId) {
    if (!scope.ownsSite(d, siteId)) {
      throw new NoSuchElementException("no site " + siteId);
    }
    return d.sites.get(siteId);
  }

  private Instant now() {
    return StoredJobs.micros(store.clock().instant());
  }
}

package io.balsamexporter.sim.bulk;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.sim.catalog.Catalog;
import io.balsamexporter.sim.catalog.JobFactory;
import io.balsamexporter.sim.catalog.Micros;
import io.balsamexporter.sim.store.AppSpec;
import io.balsamexporter.sim.store.JsonbOrder;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.sim.store.SimData;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimWrites;
import io.balsamexporter.sim.store.StoredJobs;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills a store with a large finished-looking campaign in one transaction, without playing it in
 * time: jobs are created in bursts spread over the past, each job's life is written at once by
 * {@link BulkLifecycle}, and event ids are handed out in order of arrival at the server. Unlike the
 * played campaign, launchers here do not cap the nodes their jobs use; their sizes are chosen from
 * the job rate so that, on average, the jobs fit.
 */
public final class BulkBuilder {
  private static final long SECOND = 1_000_000L;
  private static final double[] SITE_SHARE = {0.45, 0.30, 0.25};
  private static final int MIN_BURST = 50;
  private static final int MAX_BURST = 1500;
  private static final int PARENT_POOL = 200;

  private final SimStore store;
  private final long owner;
  private final int jobs;
  private final SplittableRandom random;

  public BulkBuilder(SimStore store, long owner, int jobs, long seed) {
    if (jobs < 0) {
      throw new IllegalArgumentException("jobs must be >= 0, got " + jobs);
    }
    this.store = store;
    this.owner = owner;
    this.jobs = jobs;
    this.random = new SplittableRandom(seed);
  }

  public BulkStats build() {
    long started = System.nanoTime();
    long now = Micros.toMicros(store.clock().instant());
    long span = Math.max(3600 * SECOND, jobs * 1_200_000L);
    long from = now - span;
    List<Catalog.SiteModel> models = Catalog.sites();
    return store.write(
        d -> {
          BulkAllocations allocations =
              BulkAllocations.sizedFor(random, models, SITE_SHARE, jobs, span, from, now);
          long[] siteIds = new long[models.size()];
          for (int s = 0; s < models.size(); s++) {
            siteIds[s] = d.nextSiteId++;
          }
          List<long[]> appIds = storeApps(d, models, siteIds);
          storeBatchJobs(d, models, siteIds, allocations);
          storeSites(d, models, siteIds, allocations, from, now);
          EventColumns columns =
              new EventColumns((int) Math.min(Integer.MAX_VALUE - 8, jobs * 11L));
          BulkLifecycle life = new BulkLifecycle(random, columns, allocations, jobs, now);
          long firstJobId = d.nextJobId;
          playJobs(d, models, appIds, life, from, span, firstJobId);
          d.nextJobId = firstJobId + jobs;
          long late = storeEvents(d, columns, firstJobId);
          return new BulkStats(
              models.size(),
              appIds.stream().mapToInt(ids -> ids.length).sum(),
              jobs,
              allocations.all.size(),
              columns.size(),
              late,
              Micros.instant(from),
              Micros.instant(now),
              Duration.ofNanos(System.nanoTime() - started));
        });
  }

  private static List<long[]> storeApps(SimData d, List<Catalog.SiteModel> models, long[] siteIds) {
    List<long[]> appIds = new ArrayList<>();
    for (int s = 0; s < models.size(); s++) {
      long[] ids = new long[models.get(s).apps().size()];
      for (int a = 0; a < ids.length; a++) {
        Catalog.AppModel app = models.get(s).apps().get(a);
        AppSpec spec = app.appSpec(models.get(s).name());
        ids[a] = d.nextAppId++;
        d.apps.put(
            ids[a],
            new App(
                siteIds[s],
                app.name(),
                spec.serializedClass(),
                spec.sourceCode(),
                spec.description(),
                JsonbOrder.ordered(spec.parameters()),
                JsonbOrder.ordered(spec.transfers()),
                ids[a]));
      }
      appIds.add(ids);
    }
    return appIds;
  }

  /** Batch-job ids follow submission order, as the server hands them out. */
  private static void storeBatchJobs(
      SimData d, List<Catalog.SiteModel> models, long[] siteIds, BulkAllocations allocations) {
    int[] scripts = new int[models.size()];
    for (BulkAllocations.Allocation a : allocations.all) {
      a.id = d.nextBatchJobId++;
      int s = a.site;
      d.batchJobs.put(a.id, allocations.toBatchJob(a, siteIds[s], models.get(s), ++scripts[s]));
    }
  }

  /** The sites as their agents last refreshed them, seconds ago. */
  private void storeSites(
      SimData d,
      List<Catalog.SiteModel> models,
      long[] siteIds,
      BulkAllocations allocations,
      long from,
      long now) {
    for (int s = 0; s < models.size(); s++) {
      Catalog.SiteModel model = models.get(s);
      Site fresh =
          SimWrites.newSite(
              siteIds[s],
              model.name(),
              model.path(),
              model.settings(),
              Micros.instant(from - 600 * SECOND));
      Map<String, List<Site.BackfillWindow>> backfill =
          Map.of(
              model.launchQueue(),
              List.of(new Site.BackfillWindow(model.batchNodeChoices().get(0), 45)));
      d.sites.put(
          siteIds[s],
          new Site(
              fresh.name(),
              fresh.path(),
              fresh.globusEndpointId(),
              backfill,
              JsonbOrder.sortedKeys(allocations.queuedJobs(s, model)),
              fresh.optionalBatchJobParams(),
              fresh.allowedProjects(),
              fresh.allowedQueues(),
              fresh.transferLocations(),
              fresh.id(),
              Micros.instant(now - random.nextLong(5 * SECOND)),
              fresh.creationDate()));
      d.siteOwner.put(siteIds[s], owner);
    }
  }

  private void playJobs(
      SimData d,
      List<Catalog.SiteModel> models,
      List<long[]> appIds,
      BulkLifecycle life,
      long from,
      long span,
      long firstJobId) {
    JobFactory factory = new JobFactory();
    List<Map<String, ArrayDeque<Integer>>> pools = new ArrayList<>();
    models.forEach(m -> pools.add(new HashMap<>()));
    int made = 0;
    for (int guard = 0; made < jobs && guard < jobs; guard++) {
      int s = pickSite();
      Catalog.SiteModel model = models.get(s);
      int a = random.nextInt(model.apps().size());
      Catalog.AppModel app = model.apps().get(a);
      if (app.parentApp() != null && poolOf(pools, s, app.parentApp()).isEmpty()) {
        a = indexOf(model, app.parentApp());
        app = model.apps().get(a);
      }
      int size = Math.min(jobs - made, random.nextInt(MIN_BURST, MAX_BURST + 1));
      long created =
          from + (long) ((double) span * made / Math.max(1, jobs)) + random.nextLong(SECOND);
      int[] pool =
          app.parentApp() == null
              ? null
              : poolOf(pools, s, app.parentApp()).stream().mapToInt(x -> x).toArray();
      for (int i = 0; i < size; i++, made++) {
        int[] parents = pool == null ? new int[0] : pickParents(pool);
        List<Long> parentIds = new ArrayList<>(parents.length);
        for (int p : parents) {
          parentIds.add(firstJobId + p);
        }
        NewJob spec = factory.make(random, model, app, appIds.get(s)[a], parentIds);
        NewJob.Resources r = spec.resources();
        life.play(made, s, app, r.numNodes(), r.nodePackingCount(), created, parents);
        long id = firstJobId + made;
        Long batchJobId = life.lastAllocation == null ? null : life.lastAllocation.id;
        Job job =
            StoredJobs.fromSpec(
                id,
                spec,
                JobStates.ALL.get(life.state()),
                Micros.instant(life.lastArrival()),
                spec.tags(),
                spec.data(),
                spec.resources().launchParams());
        d.jobs.put(
            id,
            batchJobId == null
                ? job
                : StoredJobs.withProgress(
                    job, job.state(), null, batchJobId, null, job.lastUpdate()));
        ArrayDeque<Integer> own = poolOf(pools, s, app.name());
        own.addLast(made);
        if (own.size() > PARENT_POOL) {
          own.removeFirst();
        }
      }
    }
  }

  private long storeEvents(SimData d, EventColumns columns, long firstJobId) {
    int[] order = columns.arrivalOrder();
    if (d.events instanceof ArrayList<Event> list) {
      list.ensureCapacity(list.size() + order.length);
    }
    long maxStamp = Long.MIN_VALUE;
    long late = 0;
    for (int i : order) {
      long stamp = columns.stamp(i);
      if (stamp < maxStamp) {
        late++;
      }
      maxStamp = Math.max(maxStamp, stamp);
      d.events.add(columns.toEvent(i, d.nextEventId++, firstJobId + columns.job(i), JobStates.ALL));
    }
    return late;
  }

  private static ArrayDeque<Integer> poolOf(
      List<Map<String, ArrayDeque<Integer>>> pools, int site, String app) {
    return pools.get(site).computeIfAbsent(app, k -> new ArrayDeque<>());
  }

  private static int indexOf(Catalog.SiteModel model, String app) {
    for (int i = 0; i < model.apps().size(); i++) {
      if (model.apps().get(i).name().equals(app)) {
        return i;
      }
    }
    throw new IllegalStateException("no app " + app + " at " + model.name());
  }

  private int[] pickParents(int[] pool) {
    int first = pool[random.nextInt(pool.length)];
    int second = pool[random.nextInt(pool.length)];
    return second != first && random.nextDouble() < 0.4
        ? new int[] {first, second}
        : new int[] {first};
  }

  private int pickSite() {
    double roll = random.nextDouble();
    for (int s = 0; s < SITE_SHARE.length - 1; s++) {
      roll -= SITE_SHARE[s];
      if (roll < 0) {
        return s;
      }
    }
    return SITE_SHARE.length - 1;
  }
}

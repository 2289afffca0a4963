package io.balsamexporter.ingest;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.balsam.Site;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the sites, apps and batch jobs, without changing anything: whole for a first sync and a
 * count check, and otherwise only what can have changed, so that a poll's cost does not grow with
 * the campaign's past.
 *
 * <p>Between two whole reads a poll reads the sites (a few rows, refreshed by their agents), the
 * batch jobs not yet in a final state (by the server's index on state), the count of all batch
 * jobs, and by id: the batch jobs that left those states since the last poll, and the apps and
 * batch jobs that changed jobs name but the inventory lacks. When the count then disagrees (a batch
 * job created and ended between two polls, or one deleted), the batch jobs are read whole.
 */
final class InventorySync {

  /** The batch-job states a batch job does not leave once in; every other state is read again. */
  static final Set<String> FINAL_BATCH_STATES =
      Set.of(JobStates.BATCH_FINISHED, JobStates.BATCH_SUBMIT_FAILED);

  private static final List<String> OPEN_BATCH_STATES =
      JobStates.BATCH_ALL.stream().filter(s -> !FINAL_BATCH_STATES.contains(s)).toList();

  /** How many ids one {@code ?id=…} request carries, to keep URLs short. */
  static final int IDS_PER_REQUEST = 200;

  private final BalsamApi api;
  private final int pageSize;

  InventorySync(BalsamApi api, int pageSize) {
    this.api = api;
    this.pageSize = pageSize;
  }

  /** Everything, read whole. */
  Inventory all() throws BalsamException {
    return Inventory.of(
        readAll(api::sites, Query.of()),
        readAll(api::apps, Query.of()),
        readAll(api::batchJobs, Query.of()));
  }

  /**
   * What changed on top of {@code known}, given the jobs this poll read: their apps and batch jobs
   * must be known for their events to be attributed.
   */
  Inventory changes(Inventory known, Collection<JobRecord> jobs) throws BalsamException {
    List<Site> sites = readAll(api::sites, Query.of());
    // By id, the order of a whole listing.
    Map<Long, BatchJob> batchJobs = new TreeMap<>();
    Set<Long> wasOpen = new TreeSet<>();
    for (BatchJob batchJob : known.batchJobs()) {
      batchJobs.put(batchJob.id(), batchJob);
      if (!FINAL_BATCH_STATES.contains(batchJob.state())) {
        wasOpen.add(batchJob.id());
      }
    }
    for (BatchJob open : readAll(api::batchJobs, Query.of().withEach("state", OPEN_BATCH_STATES))) {
      batchJobs.put(open.id(), open);
      wasOpen.remove(open.id());
    }
    // Open before and not now: ended, moved to a state this version does not know, or deleted.
    Set<Long> wanted = new TreeSet<>(wasOpen);
    wasOpen.forEach(batchJobs::remove);
    Set<Long> unknownApps = new TreeSet<>();
    for (JobRecord job : jobs) {
      if (job.batchJobId() != 0 && !batchJobs.containsKey(job.batchJobId())) {
        wanted.add(job.batchJobId());
      }
      if (!known.knowsApp(job.appId())) {
        unknownApps.add(job.appId());
      }
    }
    for (BatchJob batchJob : byIds(api::batchJobs, wanted)) {
      batchJobs.put(batchJob.id(), batchJob);
    }
    // Counted last, so that one created meanwhile can only make the count larger.
    long total = api.batchJobs(Query.of().with("limit", 0)).count();
    if (total != batchJobs.size()) {
      batchJobs.clear();
      readAll(api::batchJobs, Query.of()).forEach(b -> batchJobs.put(b.id(), b));
    }
    List<App> apps = new ArrayList<>(known.apps().values());
    apps.addAll(byIds(api::apps, unknownApps));
    return Inventory.of(sites, apps, new ArrayList<>(batchJobs.values()));
  }

  private <T> List<T> byIds(KeysetPager.Fetch<T> fetch, Collection<Long> ids)
      throws BalsamException {
    List<T> found = new ArrayList<>();
    for (Query byIds : Query.of().split("id", ids, IDS_PER_REQUEST)) {
      found.addAll(readAll(fetch, byIds));
    }
    return found;
  }

  /** Reads a small listing whole; its order is by id, so offset paging is stable enough. */
  private <T> List<T> readAll(KeysetPager.Fetch<T> fetch, Query filter) throws BalsamException {
    List<T> all = new ArrayList<>();
    for (int offset = 0; ; offset += pageSize) {
      Page<T> page = fetch.fetch(filter.with("limit", pageSize).with("offset", offset));
      all.addAll(page.results());
      if (page.results().size() < pageSize) {
        return all;
      }
    }
  }
}

package io.balsamexporter.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.ObservedAllocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An inventory as the state file keeps it: what changed since the inventory recorded before it. The
 * poller records the inventory whenever any of it changed, which on a live Balsam is every poll
 * (site agents refresh their rows, batch jobs move); written whole, thousands of batch jobs would
 * add megabytes to the file each time.
 *
 * <p>Sites, apps and batch jobs are written when new or different, with the ids of those gone. The
 * batch jobs' order is written only when it is not ascending by id (as after a full listing that
 * the server returned in another order), so that the inventory read back equals the one recorded.
 *
 * <p>The allocations the exporter observed (batch jobs seen starting and ending) go the same way,
 * as microseconds; a file written before they existed reads back with none.
 *
 * @param batchJobOrder the batch job ids in order, or null when they ascend
 */
record InventoryDelta(
    List<Site> sites,
    List<Long> sitesGone,
    List<App> apps,
    List<Long> appsGone,
    List<BatchJob> batchJobs,
    List<Long> batchJobsGone,
    List<Long> batchJobOrder,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Observed> observed,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Long> observedGone) {

  /** One observed allocation: batch job id, first seen running and first seen left (or null). */
  record Observed(long id, long runningMicros, Long leftMicros) {
    static Observed of(long id, ObservedAllocation seen) {
      return new Observed(
          id,
          StateFormat.micros(seen.firstSeenRunning()),
          seen.firstSeenLeft() == null ? null : StateFormat.micros(seen.firstSeenLeft()));
    }

    ObservedAllocation allocation() {
      Instant left = leftMicros == null ? null : StateFormat.instant(leftMicros);
      return new ObservedAllocation(StateFormat.instant(runningMicros), left);
    }
  }

  InventoryDelta {
    observed = orEmpty(observed);
    observedGone = orEmpty(observedGone);
    sites = orEmpty(sites);
    sitesGone = orEmpty(sitesGone);
    apps = orEmpty(apps);
    appsGone = orEmpty(appsGone);
    batchJobs = orEmpty(batchJobs);
    batchJobsGone = orEmpty(batchJobsGone);
  }

  /** What turns {@code before} into {@code after}. */
  static InventoryDelta between(Inventory before, Inventory after) {
    Map<Long, BatchJob> beforeBatchJobs = byId(before.batchJobs(), BatchJob::id);
    Map<Long, BatchJob> afterBatchJobs = byId(after.batchJobs(), BatchJob::id);
    List<Long> order = after.batchJobs().stream().map(BatchJob::id).toList();
    boolean ascending = true;
    for (int i = 1; i < order.size() && ascending; i++) {
      ascending = order.get(i - 1) < order.get(i);
    }
    return new InventoryDelta(
        changed(before.sites(), after.sites()),
        gone(before.sites().keySet(), after.sites().keySet()),
        changed(before.apps(), after.apps()),
        gone(before.apps().keySet(), after.apps().keySet()),
        changed(beforeBatchJobs, afterBatchJobs),
        gone(beforeBatchJobs.keySet(), afterBatchJobs.keySet()),
        ascending ? null : order,
        changedById(before.observed(), after.observed()).entrySet().stream()
            .map(e -> Observed.of(e.getKey(), e.getValue()))
            .toList(),
        gone(before.observed().keySet(), after.observed().keySet()));
  }

  /** {@code before} with this delta applied. */
  Inventory applyTo(Inventory before) {
    Map<Long, Site> sites = apply(before.sites(), this.sites, sitesGone, Site::id);
    Map<Long, App> apps = apply(before.apps(), this.apps, appsGone, App::id);
    Map<Long, BatchJob> batchJobs =
        apply(byId(before.batchJobs(), BatchJob::id), this.batchJobs, batchJobsGone, BatchJob::id);
    List<BatchJob> ordered = new ArrayList<>(batchJobs.size());
    if (batchJobOrder == null) {
      batchJobs.keySet().stream().sorted().forEach(id -> ordered.add(batchJobs.get(id)));
    } else {
      for (long id : batchJobOrder) {
        BatchJob batchJob = batchJobs.get(id);
        if (batchJob != null) {
          ordered.add(batchJob);
        }
      }
    }
    Map<Long, ObservedAllocation> seen = new LinkedHashMap<>(before.observed());
    observedGone.forEach(seen::remove);
    observed.forEach(o -> seen.put(o.id(), o.allocation()));
    return Inventory.of(List.copyOf(sites.values()), List.copyOf(apps.values()), ordered)
        .withObserved(seen);
  }

  private static <T> List<T> changed(Map<Long, T> before, Map<Long, T> after) {
    List<T> changed = new ArrayList<>();
    after.forEach(
        (id, item) -> {
          if (!item.equals(before.get(id))) {
            changed.add(item);
          }
        });
    return changed;
  }

  private static <T> Map<Long, T> changedById(Map<Long, T> before, Map<Long, T> after) {
    Map<Long, T> changed = new TreeMap<>();
    after.forEach(
        (id, item) -> {
          if (!item.equals(before.get(id))) {
            changed.put(id, item);
          }
        });
    return changed;
  }

  private static List<Long> gone(Set<Long> before, Set<Long> after) {
    return before.stream().filter(id -> !after.contains(id)).sorted().toList();
  }

  private static <T> Map<Long, T> apply(
      Map<Long, T> before, List<T> changed, List<Long> gone, Function<T, Long> id) {
    Map<Long, T> after = new LinkedHashMap<>(before);
    gone.forEach(after::remove);
    changed.forEach(item -> after.put(id.apply(item), item));
    return after;
  }

  private static <T> Map<Long, T> byId(List<T> items, Function<T, Long> id) {
    return items.stream()
        .collect(Collectors.toMap(id, Function.identity(), (a, b) -> b, LinkedHashMap::new));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }
}

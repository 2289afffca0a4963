package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.ObservedAllocation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The console's batch jobs per site, as {@code balsam queue ls --history} lists them. */
final class BatchJobTable {
  /** The batch jobs listed per site, newest first; the rest are counted. */
  static final int PER_SITE = 25;

  private BatchJobTable() {}

  /** Per site, like {@code balsam queue ls --history}: newest first, times Balsam's or observed. */
  static Map<String, Object> of(Inventory inventory) {
    Map<String, List<BatchJob>> bySite = new LinkedHashMap<>();
    inventory.batchJobs().stream()
        .sorted(Comparator.comparingLong(BatchJob::id).reversed())
        .forEach(
            b ->
                bySite
                    .computeIfAbsent(inventory.siteName(b.siteId()), k -> new ArrayList<>())
                    .add(b));
    Map<String, Object> out = new LinkedHashMap<>();
    bySite.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              List<Map<String, Object>> rows = new ArrayList<>();
              for (BatchJob b : e.getValue().subList(0, Math.min(PER_SITE, e.getValue().size()))) {
                rows.add(row(b, inventory));
              }
              Map<String, Object> site = new LinkedHashMap<>();
              site.put("total", e.getValue().size());
              site.put("rows", rows);
              out.put(e.getKey(), site);
            });
    return out;
  }

  private static Map<String, Object> row(BatchJob b, Inventory inventory) {
    boolean observed = LiveAllocations.observed(b, inventory.observed());
    Instant start = b.startTime();
    Instant end = b.endTime();
    if (observed) {
      ObservedAllocation seen = inventory.observed().get(b.id());
      start = start != null ? start : seen.firstSeenRunning();
      end = end != null ? end : seen.firstSeenLeft();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", b.id());
    m.put("scheduler_id", b.schedulerId());
    m.put("state", b.state());
    m.put("queue", b.queue());
    m.put("project", b.project());
    m.put("num_nodes", b.numNodes());
    m.put("wall_time_min", b.wallTimeMin());
    m.put("start", start == null ? null : Overview.iso(start));
    m.put("end", end == null ? null : Overview.iso(end));
    m.put("times", observed ? "observed" : start == null ? "none" : "balsam");
    return m;
  }
}

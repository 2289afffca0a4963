package io.balsamexporter.sim.workload;

import io.balsamexporter.sim.store.JobUpdate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A site-side StatusUpdater: state changes stamped when they happen, posted later in one bulk
 * PATCH. Whatever waits here while other sites post is what reaches the server late.
 */
final class Outbox {
  /** The most items Balsam accepts in one bulk request. */
  static final int MAX_ITEMS_PER_REQUEST = 5000;

  private record Pending(PlannedJob job, JobUpdate update) {}

  private List<Pending> pending = new ArrayList<>();

  void add(PlannedJob job, JobUpdate update) {
    pending.add(new Pending(job, update));
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /**
   * Posts every pending update. A job may have several (RUNNING then RUN_DONE), and one PATCH must
   * not repeat an id, so the n-th update of a job goes in the n-th request; each request's updates
   * are reported to their site once the server has them.
   */
  void post(Campaign campaign) {
    if (pending.isEmpty()) {
      return;
    }
    List<Pending> posting = pending;
    pending = new ArrayList<>();
    List<List<Pending>> waves = new ArrayList<>();
    Map<Long, Integer> seen = new HashMap<>();
    for (Pending item : posting) {
      int wave = seen.merge(item.job().id, 1, Integer::sum) - 1;
      if (wave == waves.size()) {
        waves.add(new ArrayList<>());
      }
      waves.get(wave).add(item);
    }
    for (List<Pending> wave : waves) {
      for (int from = 0; from < wave.size(); from += MAX_ITEMS_PER_REQUEST) {
        List<Pending> request =
            wave.subList(from, Math.min(wave.size(), from + MAX_ITEMS_PER_REQUEST));
        campaign.writes.updateJobs(request.stream().map(Pending::update).toList());
        for (Pending item : request) {
          item.job().site.landed(item.job(), item.update().state());
        }
      }
    }
  }
}

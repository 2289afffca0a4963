package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.PollUpdate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's card per site, from the last poll's state: the same sums the metrics export ({@code
 * balsam_jobs}, {@code balsam_running_job_nodes}, {@code balsam_available_nodes}), by site.
 */
final class SiteCards {
  private SiteCards() {}

  /**
   * @param lastHour per site, the jobs that reached JOB_FINISHED and FAILED in the hour before the
   *     last poll
   */
  static List<Map<String, Object>> of(
      PollUpdate.ClusterState state, Map<String, long[]> lastHour, Instant now) {
    Inventory inventory = state.inventory();
    Map<String, SiteCard> cards = new LinkedHashMap<>();
    inventory.sites().values().stream()
        .sorted(Comparator.comparing(Site::name))
        .forEach(site -> cards.put(site.name(), new SiteCard(site)));
    state
        .jobsPerState()
        .forEach(
            (group, count) -> {
              SiteCard card = cards.get(group.site());
              if (card == null) {
                return;
              }
              switch (group.state()) {
                case JobStates.RUNNING -> card.running += count;
                case JobStates.PREPROCESSED, JobStates.RESTART_READY -> card.runnable += count;
                default -> {}
              }
            });
    state
        .runningNodes()
        .forEach(
            (group, nodes) -> {
              SiteCard card = cards.get(group.site());
              if (card != null) {
                card.nodesInUse += nodes;
              }
            });
    for (BatchJob b : inventory.batchJobs()) {
      if (JobStates.BATCH_RUNNING.equals(b.state())) {
        SiteCard card = cards.get(inventory.siteName(b.siteId()));
        if (card != null) {
          card.nodesHeld += b.numNodes();
        }
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (SiteCard card : cards.values()) {
      long[] hour = lastHour.getOrDefault(card.site.name(), new long[2]);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("site", card.site.name());
      m.put("running", card.running);
      m.put("runnable", card.runnable);
      m.put("finished_last_hour", hour[0]);
      m.put("failed_last_hour", hour[1]);
      m.put("nodes_held", card.nodesHeld);
      m.put("nodes_in_use", card.nodesInUse);
      Instant refresh = card.site.lastRefresh();
      m.put(
          "heartbeat_age_seconds",
          refresh == null ? null : Math.max(0, Duration.between(refresh, now).toSeconds()));
      m.put("last_refresh", refresh == null ? null : Overview.iso(refresh));
      out.add(m);
    }
    return out;
  }

  private static final class SiteCard {
    final Site site;
    long running;
    long runnable;
    long nodesHeld;
    double nodesInUse;

    SiteCard(Site site) {
      this.site = site;
    }
  }
}

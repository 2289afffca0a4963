package io.balsamexporter.metrics;

import io.balsamexporter.balsam.Site;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The site families: each site agent's heartbeat, facts and scheduler view, from a snapshot. */
final class SiteMetrics {
  private static final List<String> INFO_LABELS = List.of("site", "site_id", "path");
  private static final List<String> SCHEDULER = List.of("site", "queue", "state");

  private final LabelValues bound;

  private final GaugeFamily lastRefresh =
      new GaugeFamily(
          "balsam_site_last_refresh_timestamp_seconds",
          "When the site agent last refreshed its site (last_refresh), from GET /sites/.",
          List.of("site"));
  private final GaugeFamily backfillNodes =
      new GaugeFamily(
          "balsam_site_backfill_nodes",
          "Nodes in the backfill windows the site's scheduler offers, per queue, from GET /sites/.",
          List.of("site", "queue"));
  private final GaugeFamily schedulerJobs =
      new GaugeFamily(
          "balsam_site_scheduler_jobs",
          "Scheduler jobs the site agent last saw in its queue (queued_jobs), from GET /sites/.",
          SCHEDULER);
  private final GaugeFamily schedulerNodes =
      new GaugeFamily(
          "balsam_site_scheduler_nodes",
          "Nodes of the scheduler jobs the site agent last saw (queued_jobs), from GET /sites/.",
          SCHEDULER);

  private final GaugeFamily queueWallTime =
      new GaugeFamily(
          "balsam_site_queue_max_walltime_seconds",
          "The longest wall time a batch job may ask for in each queue the site allows"
              + " (allowed_queues), from GET /sites/.",
          List.of("site", "queue"));

  SiteMetrics(LabelValues bound) {
    this.bound = bound;
  }

  /** What the site gauges show after one poll. */
  record View(
      Set<List<String>> info,
      Map<List<String>, Double> lastRefresh,
      Map<List<String>, Double> backfillNodes,
      Map<List<String>, Double> schedulerJobs,
      Map<List<String>, Double> schedulerNodes,
      Map<List<String>, Double> queueWallTime) {
    View {
      queueWallTime = Collections.unmodifiableMap(queueWallTime);
      info = Collections.unmodifiableSet(info);
      lastRefresh = Collections.unmodifiableMap(lastRefresh);
      backfillNodes = Collections.unmodifiableMap(backfillNodes);
      schedulerJobs = Collections.unmodifiableMap(schedulerJobs);
      schedulerNodes = Collections.unmodifiableMap(schedulerNodes);
    }
  }

  View view(List<Site> sites) {
    Set<List<String>> info = new LinkedHashSet<>();
    Map<List<String>, Double> refresh = new LinkedHashMap<>();
    Map<List<String>, Double> backfill = new LinkedHashMap<>();
    Map<List<String>, Double> jobs = new LinkedHashMap<>();
    Map<List<String>, Double> nodes = new LinkedHashMap<>();
    Map<List<String>, Double> wallTime = new LinkedHashMap<>();
    for (Site site : sites) {
      // Balsam gives max_walltime in minutes.
      site.allowedQueues()
          .forEach(
              (queue, allowed) ->
                  wallTime.put(List.of(site.name(), queue), allowed.maxWalltime() * 60.0));
      info.add(List.of(site.name(), Long.toString(site.id()), site.path()));
      if (site.lastRefresh() != null) {
        refresh.put(List.of(site.name()), HealthMetrics.seconds(site.lastRefresh()));
      }
      site.backfillWindows()
          .forEach(
              (queue, windows) ->
                  backfill.put(
                      List.of(site.name(), queue),
                      (double) windows.stream().mapToInt(Site.BackfillWindow::numNodes).sum()));
      for (Site.QueuedJob job : site.queuedJobs().values()) {
        List<String> key = List.of(site.name(), job.queue(), job.state());
        jobs.merge(key, 1.0, Double::sum);
        nodes.merge(key, (double) job.numNodes(), Double::sum);
      }
    }
    return new View(info, refresh, backfill, jobs, nodes, wallTime);
  }

  void collect(View view, List<MetricSnapshot> out) {
    InfoSnapshot.Builder info =
        InfoSnapshot.builder().name("balsam_site").help("Facts about each site, from GET /sites/.");
    Set<List<String>> bounded = new LinkedHashSet<>();
    view.info().forEach(values -> bounded.add(List.of(bound.of(values.toArray(String[]::new)))));
    bounded.forEach(
        values ->
            info.dataPoint(
                InfoDataPointSnapshot.builder().labels(Labels.of(INFO_LABELS, values)).build()));
    out.add(info.build());
    out.add(lastRefresh.render(view.lastRefresh(), bound));
    out.add(backfillNodes.render(view.backfillNodes(), bound));
    out.add(schedulerJobs.render(view.schedulerJobs(), bound));
    out.add(schedulerNodes.render(view.schedulerNodes(), bound));
    out.add(queueWallTime.render(view.queueWallTime(), bound));
  }
}

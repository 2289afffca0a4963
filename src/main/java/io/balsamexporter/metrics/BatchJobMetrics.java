package io.balsamexporter.metrics;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.Inventory;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The batch-job families: scheduler allocations and the nodes they hold, from a snapshot. */
final class BatchJobMetrics {
  private static final List<String> SITE = List.of("site");
  private static final List<String> BATCH = List.of("site", "state", "queue", "project");

  private final LabelValues bound;

  BatchJobMetrics(LabelValues bound) {
    this.bound = bound;
  }

  private final UnknownValues states = new UnknownValues("batch job state", JobStates.BATCH_ALL);
  private final GaugeFamily availableNodes =
      new GaugeFamily(
          "balsam_available_nodes",
          "Nodes held by batch jobs in state running, from GET /batch-jobs/.",
          SITE);
  private final GaugeFamily batchJobs =
      new GaugeFamily(
          "balsam_batch_jobs",
          "Batch jobs (scheduler allocations) per state, queue and project, from GET /batch-jobs/.",
          BATCH);
  private final GaugeFamily requestedNodes =
      new GaugeFamily(
          "balsam_batch_job_requested_nodes",
          "Nodes requested by batch jobs per state, queue and project, from GET /batch-jobs/.",
          BATCH);

  /** What the batch-job gauges show after one poll. */
  record View(
      Map<List<String>, Double> availableNodes,
      Map<List<String>, Double> batchJobs,
      Map<List<String>, Double> requestedNodes) {
    View {
      availableNodes = Collections.unmodifiableMap(availableNodes);
      batchJobs = Collections.unmodifiableMap(batchJobs);
      requestedNodes = Collections.unmodifiableMap(requestedNodes);
    }
  }

  /** Every state of every (site, queue, project) seen, at 0 when empty; every site's nodes. */
  View view(Inventory catalog, List<Site> sites) {
    Map<List<String>, Double> available = new LinkedHashMap<>();
    Map<List<String>, Double> count = new LinkedHashMap<>();
    Map<List<String>, Double> nodes = new LinkedHashMap<>();
    sites.forEach(s -> available.put(List.of(s.name()), 0.0));
    Set<List<String>> queues = new LinkedHashSet<>();
    catalog
        .batchJobs()
        .forEach(b -> queues.add(List.of(catalog.siteName(b.siteId()), b.queue(), b.project())));
    for (List<String> q : queues) {
      for (String batchState : JobStates.BATCH_ALL) {
        List<String> key = List.of(q.get(0), batchState, q.get(1), q.get(2));
        count.put(key, 0.0);
        nodes.put(key, 0.0);
      }
    }
    for (BatchJob b : catalog.batchJobs()) {
      String site = catalog.siteName(b.siteId());
      List<String> key = List.of(site, states.label(b.state()), b.queue(), b.project());
      count.merge(key, 1.0, Double::sum);
      nodes.merge(key, (double) b.numNodes(), Double::sum);
      if (JobStates.BATCH_RUNNING.equals(b.state())) {
        available.merge(List.of(site), (double) b.numNodes(), Double::sum);
      }
    }
    return new View(available, count, nodes);
  }

  void collect(View view, List<MetricSnapshot> out) {
    out.add(availableNodes.render(view.availableNodes(), bound));
    out.add(batchJobs.render(view.batchJobs(), bound));
    out.add(requestedNodes.render(view.requestedNodes(), bound));
  }
}

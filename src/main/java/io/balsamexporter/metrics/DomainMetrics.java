package io.balsamexporter.metrics;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.IngestSink;
import io.balsamexporter.ingest.LifeCycle;
import io.balsamexporter.ingest.PollUpdate;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * The metrics about Balsam itself, fed by poll updates. They join the registry only when the first
 * sync has read the whole history: a scrape never sees the counters climb from zero after a
 * restart, which Prometheus would take for a reset.
 */
public final class DomainMetrics implements IngestSink {
  private static final List<String> SITE = List.of("site");
  private static final List<String> BATCH = List.of("site", "state", "queue", "project");
  private static final List<String> SCHEDULER = List.of("site", "queue", "state");

  private final PrometheusRegistry registry;
  private final Lock writeLock;
  private final TagLabels tags;
  private final HealthMetrics health;
  private final List<Collector> families = new ArrayList<>();
  private boolean registered;
  private Set<List<String>> siteInfos = Set.of();

  private final Counter transitions;
  private final Histogram runDuration;
  private final Histogram queueWait;
  private final Gauge jobs;
  private final Gauge runningNodes;
  private final Gauge availableNodes;
  private final Gauge batchJobs;
  private final Gauge batchJobNodes;
  private final Gauge siteLastRefresh;
  private final Info siteInfo;
  private final Gauge backfillNodes;
  private final Gauge schedulerJobs;
  private final Gauge schedulerNodes;

  DomainMetrics(PrometheusRegistry registry, Lock writeLock, TagLabels tags, HealthMetrics health) {
    this.registry = registry;
    this.writeLock = writeLock;
    this.tags = tags;
    this.health = health;
    transitions =
        add(
            Counter.builder()
                .name("balsam_job_transitions_total")
                .help(
                    "Job state transitions in Balsam's event log (GET /events/), each counted once.")
                .labelNames(labelNames(List.of("site", "from_state", "to_state"), true))
                .build());
    runDuration =
        add(
            Histogram.builder()
                .name("balsam_job_run_duration_seconds")
                .help(
                    "Time from a job's RUNNING event to the event that left RUNNING, from Balsam's"
                        + " event log; outcome is the state it left to.")
                .unit(Unit.SECONDS)
                .labelNames("site", "outcome")
                .classicUpperBounds(Buckets.HPC_SECONDS)
                .withoutExemplars()
                .build());
    queueWait =
        add(
            Histogram.builder()
                .name("balsam_job_queue_wait_seconds")
                .help(
                    "Time from a job becoming runnable (PREPROCESSED or RESTART_READY) to its next"
                        + " RUNNING event, from Balsam's event log.")
                .unit(Unit.SECONDS)
                .labelNames("site")
                .classicUpperBounds(Buckets.HPC_SECONDS)
                .withoutExemplars()
                .build());
    jobs =
        gauge(
            "balsam_jobs", "Jobs in each state, from GET /jobs/.", List.of("site", "state"), true);
    runningNodes =
        gauge(
            "balsam_running_job_nodes",
            "Nodes used by RUNNING jobs (num_nodes/node_packing_count summed), from GET /jobs/.",
            SITE,
            true);
    availableNodes =
        gauge(
            "balsam_available_nodes",
            "Nodes held by batch jobs in state running, from GET /batch-jobs/.",
            SITE,
            false);
    batchJobs =
        gauge(
            "balsam_batch_jobs",
            "Batch jobs (scheduler allocations) per state, queue and project, from GET /batch-jobs/.",
            BATCH,
            false);
    batchJobNodes =
        gauge(
            "balsam_batch_job_requested_nodes",
            "Nodes requested by batch jobs per state, queue and project, from GET /batch-jobs/.",
            BATCH,
            false);
    siteLastRefresh =
        gauge(
            "balsam_site_last_refresh_timestamp_seconds",
            "When the site agent last refreshed its site (last_refresh), from GET /sites/.",
            SITE,
            false);
    siteInfo =
        add(
            Info.builder()
                .name("balsam_site_info")
                .help("Facts about each site, from GET /sites/.")
                .labelNames("site", "site_id", "path")
                .build());
    backfillNodes =
        gauge(
            "balsam_site_backfill_nodes",
            "Nodes in the backfill windows the site's scheduler offers, per queue, from GET /sites/.",
            List.of("site", "queue"),
            false);
    schedulerJobs =
        gauge(
            "balsam_site_scheduler_jobs",
            "Scheduler jobs the site agent last saw in its queue (queued_jobs), from GET /sites/.",
            SCHEDULER,
            false);
    schedulerNodes =
        gauge(
            "balsam_site_scheduler_nodes",
            "Nodes of the scheduler jobs the site agent last saw (queued_jobs), from GET /sites/.",
            SCHEDULER,
            false);
  }

  @Override
  public void apply(PollUpdate update) {
    writeLock.lock();
    try {
      update.newJobTags().forEach(tags::admit);
      for (PollUpdate.CountedEvent counted : update.events()) {
        transitions
            .labelValues(
                join(
                        List.of(
                            counted.site(), counted.event().fromState(), counted.event().toState()),
                        tags.labelValues(counted.tagValues(), health::tagValueOverflowed))
                    .toArray(String[]::new))
            .inc();
      }
      update
          .runs()
          .forEach(r -> runDuration.labelValues(r.site(), r.outcome()).observe(r.seconds()));
      update.queueWaits().forEach(w -> queueWait.labelValues(w.site()).observe(w.seconds()));
      health.eventsCounted(update);
      update.state().ifPresent(this::setState);
    } finally {
      writeLock.unlock();
    }
  }

  private void setState(PollUpdate.ClusterState state) {
    List<Site> sites = new ArrayList<>(state.inventory().sites().values());
    // With tag labels, which values to pre-create is unknown; without, every site's usual
    // transitions start at 0 so rate() sees their first event.
    if (tags.isEmpty()) {
      for (Site site : sites) {
        LifeCycle.TRANSITIONS.forEach(
            t -> transitions.initLabelValues(site.name(), t.get(0), t.get(1)));
      }
    }
    setJobGauges(sites, state);
    setBatchJobGauges(sites, state.inventory().batchJobs(), state);
    setSiteGauges(sites);
    state.newestEvent().ifPresent(health::newestEvent);
    if (!registered) {
      families.forEach(registry::register);
      registered = true;
    }
  }

  private void setJobGauges(List<Site> sites, PollUpdate.ClusterState state) {
    // Every state of every site and tag combination exists, at 0 when empty.
    Map<List<String>, Integer> counts = new LinkedHashMap<>();
    Set<List<String>> combos = new LinkedHashSet<>();
    state
        .jobsPerState()
        .forEach(
            (group, n) -> {
              List<String> tagValues = tags.labelValues(group.tagValues(), label -> {});
              combos.add(join(List.of(group.site()), tagValues));
              counts.merge(join(List.of(group.site(), group.state()), tagValues), n, Integer::sum);
            });
    // A site without jobs still shows every state, under empty tag values.
    List<String> noTags = java.util.Collections.nCopies(tags.labelNames().size(), "");
    for (Site site : sites) {
      if (combos.stream().noneMatch(c -> c.get(0).equals(site.name()))) {
        combos.add(join(List.of(site.name()), noTags));
      }
    }
    jobs.clear();
    runningNodes.clear();
    for (List<String> combo : combos) {
      for (String jobState : JobStates.ALL) {
        List<String> key = new ArrayList<>(combo);
        key.add(1, jobState);
        jobs.labelValues(key.toArray(String[]::new)).set(counts.getOrDefault(key, 0));
      }
      runningNodes.labelValues(combo.toArray(String[]::new)).set(0);
    }
    state
        .runningNodes()
        .forEach(
            (group, nodes) -> {
              List<String> key =
                  join(List.of(group.site()), tags.labelValues(group.tagValues(), l -> {}));
              runningNodes.labelValues(key.toArray(String[]::new)).inc(nodes);
            });
  }

  private void setBatchJobGauges(
      List<Site> sites, List<BatchJob> all, PollUpdate.ClusterState state) {
    availableNodes.clear();
    batchJobs.clear();
    batchJobNodes.clear();
    sites.forEach(s -> availableNodes.labelValues(s.name()).set(0));
    Set<List<String>> queues = new LinkedHashSet<>();
    all.forEach(
        b -> queues.add(List.of(state.inventory().siteName(b.siteId()), b.queue(), b.project())));
    for (List<String> q : queues) {
      for (String batchState : JobStates.BATCH_ALL) {
        batchJobs.labelValues(q.get(0), batchState, q.get(1), q.get(2)).set(0);
        batchJobNodes.labelValues(q.get(0), batchState, q.get(1), q.get(2)).set(0);
      }
    }
    for (BatchJob b : all) {
      String site = state.inventory().siteName(b.siteId());
      batchJobs.labelValues(site, b.state(), b.queue(), b.project()).inc();
      batchJobNodes.labelValues(site, b.state(), b.queue(), b.project()).inc(b.numNodes());
      if (JobStates.BATCH_RUNNING.equals(b.state())) {
        availableNodes.labelValues(site).inc(b.numNodes());
      }
    }
  }

  private void setSiteGauges(List<Site> sites) {
    siteLastRefresh.clear();
    backfillNodes.clear();
    schedulerJobs.clear();
    schedulerNodes.clear();
    Set<List<String>> infos = new LinkedHashSet<>();
    sites.forEach(s -> infos.add(List.of(s.name(), Long.toString(s.id()), s.path())));
    siteInfos.stream()
        .filter(i -> !infos.contains(i))
        .forEach(i -> siteInfo.remove(i.toArray(String[]::new)));
    infos.stream()
        .filter(i -> !siteInfos.contains(i))
        .forEach(i -> siteInfo.addLabelValues(i.toArray(String[]::new)));
    siteInfos = infos;
    for (Site site : sites) {
      if (site.lastRefresh() != null) {
        siteLastRefresh.labelValues(site.name()).set(HealthMetrics.seconds(site.lastRefresh()));
      }
      site.backfillWindows()
          .forEach(
              (queue, windows) ->
                  backfillNodes
                      .labelValues(site.name(), queue)
                      .set(windows.stream().mapToInt(Site.BackfillWindow::numNodes).sum()));
      for (Site.QueuedJob job : site.queuedJobs().values()) {
        schedulerJobs.labelValues(site.name(), job.queue(), job.state()).inc();
        schedulerNodes.labelValues(site.name(), job.queue(), job.state()).inc(job.numNodes());
      }
    }
  }

  private static List<String> join(List<String> base, List<String> tagValues) {
    List<String> all = new ArrayList<>(base);
    all.addAll(tagValues);
    return all;
  }

  private String[] labelNames(List<String> base, boolean withTags) {
    List<String> all = new ArrayList<>(base);
    if (withTags) {
      all.addAll(tags.labelNames());
    }
    return all.toArray(String[]::new);
  }

  private Gauge gauge(String name, String help, List<String> labelNames, boolean withTags) {
    return add(
        Gauge.builder().name(name).help(help).labelNames(labelNames(labelNames, withTags)).build());
  }

  private <T extends Collector> T add(T family) {
    families.add(family);
    return family;
  }
}

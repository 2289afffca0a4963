package io.balsamexporter.metrics;

import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.IngestSink;
import io.balsamexporter.ingest.PollUpdate;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * The metrics about Balsam itself, fed by poll updates. Counters and histograms count the event log
 * as it is read; the state families are drawn at scrape time from the {@link DomainSnapshot} the
 * last whole poll published. Until the first sync has read the whole history there is no snapshot
 * and nothing is exported: a scrape never sees the counters climb from zero after a restart, which
 * Prometheus would take for a reset.
 */
public final class DomainMetrics implements IngestSink, MultiCollector {
  private final Lock writeLock;
  private final TagLabels tags;
  private final HealthMetrics health;
  private final JobMetrics jobs;
  private final BatchJobMetrics batchJobs;
  private final SiteMetrics sites;
  private final FailureMetrics failures;
  private volatile DomainSnapshot current;

  DomainMetrics(Lock writeLock, TagLabels tags, LabelValues bound, HealthMetrics health) {
    this.writeLock = writeLock;
    this.tags = tags;
    this.health = health;
    this.jobs = new JobMetrics(tags, bound);
    this.batchJobs = new BatchJobMetrics(bound);
    this.sites = new SiteMetrics(bound);
    this.failures = new FailureMetrics(bound, tags.limit());
  }

  @Override
  public void apply(PollUpdate update) {
    writeLock.lock();
    try {
      update.newJobTags().forEach(tags::admit);
      jobs.count(update, health::tagValueOverflowed);
      failures.count(update);
      health.eventsCounted(update);
      update.state().ifPresent(this::publish);
    } finally {
      writeLock.unlock();
    }
  }

  private void publish(PollUpdate.ClusterState state) {
    List<Site> siteList = new ArrayList<>(state.inventory().sites().values());
    jobs.precreateTransitions(siteList);
    current = snapshotOf(state, siteList);
    state.newestEvent().ifPresent(health::newestEvent);
  }

  private DomainSnapshot snapshotOf(PollUpdate.ClusterState state, List<Site> siteList) {
    return new DomainSnapshot(
        jobs.view(state, siteList),
        batchJobs.view(state.inventory(), siteList),
        sites.view(siteList),
        failures.view(state, siteList));
  }

  /** The snapshot a scrape draws from now; null before the first sync ended. */
  DomainSnapshot current() {
    return current;
  }

  @Override
  public MetricSnapshots collect() {
    DomainSnapshot snapshot = current;
    if (snapshot == null) {
      return new MetricSnapshots();
    }
    List<MetricSnapshot> families = new ArrayList<>();
    jobs.collect(snapshot.jobs(), families);
    batchJobs.collect(snapshot.batchJobs(), families);
    sites.collect(snapshot.sites(), families);
    failures.collect(snapshot.failures(), families);
    return new MetricSnapshots(families);
  }
}

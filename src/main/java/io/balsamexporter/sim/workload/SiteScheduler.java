package io.balsamexporter.sim.workload;

import static io.balsamexporter.balsam.JobStates.BATCH_FINISHED;
import static io.balsamexporter.balsam.JobStates.BATCH_PENDING_DELETION;
import static io.balsamexporter.balsam.JobStates.BATCH_PENDING_SUBMISSION;
import static io.balsamexporter.balsam.JobStates.BATCH_QUEUED;
import static io.balsamexporter.balsam.JobStates.BATCH_RUNNING;

import io.balsamexporter.balsam.Site;
import io.balsamexporter.sim.store.BatchJobUpdate;
import io.balsamexporter.sim.store.NewBatchJob;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A site agent's scheduler service: asks for launchers while work waits, submits them, follows them
 * through the queue, and reports the queue and backfill windows every cycle. As on a real site,
 * start and end times are written only when a batch job has finished, in whole seconds.
 */
final class SiteScheduler {
  private static final DateTimeFormatter SUBMIT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  /** A batch job this site submitted and has not seen finish. */
  private static final class Allocation {
    final long id;
    final int nodes;
    final int wallTimeMin;
    final long submittedAt;
    String state = BATCH_PENDING_SUBMISSION;
    long schedulerId;
    long runAfter;
    long startedAt;
    Launcher launcher;

    Allocation(long id, int nodes, int wallTimeMin, long submittedAt) {
      this.id = id;
      this.nodes = nodes;
      this.wallTimeMin = wallTimeMin;
      this.submittedAt = submittedAt;
    }
  }

  private final SiteAgent site;
  private final Campaign campaign;
  private final List<Allocation> active = new ArrayList<>();
  private long lastSchedulerId;
  private int scripts;

  SiteScheduler(SiteAgent site) {
    this.site = site;
    this.campaign = site.campaign;
    this.lastSchedulerId = site.model.schedulerIdBase();
  }

  void start() {
    campaign.at(campaign.now() + campaign.scaled(campaign.profile.siteCycle()) / 2, this::cycle);
  }

  private void cycle() {
    long now = campaign.now();
    List<BatchJobUpdate> updates = new ArrayList<>();
    for (Iterator<Allocation> it = active.iterator(); it.hasNext(); ) {
      Allocation a = it.next();
      switch (a.state) {
        case BATCH_PENDING_SUBMISSION -> submitToScheduler(a, now, updates);
        case BATCH_QUEUED -> {
          if (now >= a.runAfter) {
            startRunning(a, now, updates);
          }
        }
        case BATCH_RUNNING -> {
          if (a.launcher.stopped()) {
            updates.add(
                new BatchJobUpdate(
                    a.id,
                    null,
                    BATCH_FINISHED,
                    null,
                    seconds(a.startedAt),
                    seconds(a.launcher.stoppedAt())));
            it.remove();
          }
        }
        default -> {
          updates.add(BatchJobUpdate.state(a.id, BATCH_FINISHED));
          it.remove();
        }
      }
    }
    maybeDelete(updates);
    if (!updates.isEmpty()) {
      campaign.writes.updateBatchJobs(updates);
    }
    maybeSubmit(now);
    refresh(now);
    campaign.at(now + campaign.scaled(campaign.profile.siteCycle()), this::cycle);
  }

  private void submitToScheduler(Allocation a, long now, List<BatchJobUpdate> updates) {
    lastSchedulerId += campaign.random.nextInt(1, 40);
    a.schedulerId = lastSchedulerId;
    a.state = BATCH_QUEUED;
    a.runAfter =
        now + campaign.between(campaign.profile.queueWaitMin(), campaign.profile.queueWaitMax());
    Map<String, String> info = new LinkedHashMap<>();
    info.put(
        "submit_script",
        String.format(Locale.ROOT, "%s/qsubmit/qlaunch%05d.sh", site.model.path(), ++scripts));
    info.put(
        "submit_time",
        SUBMIT_TIME.format(LocalDateTime.ofInstant(Campaign.instant(now), ZoneOffset.UTC)));
    updates.add(new BatchJobUpdate(a.id, a.schedulerId, BATCH_QUEUED, info, null, null));
  }

  private void startRunning(Allocation a, long now, List<BatchJobUpdate> updates) {
    a.state = BATCH_RUNNING;
    a.startedAt = now;
    long end = now + campaign.scaled(java.time.Duration.ofMinutes(a.wallTimeMin));
    a.launcher = new Launcher(site, a.id, a.nodes, now, end);
    a.launcher.start();
    updates.add(BatchJobUpdate.state(a.id, BATCH_RUNNING));
  }

  /** Now and then the user removes a queued launcher: pending_deletion, finished next cycle. */
  private void maybeDelete(List<BatchJobUpdate> updates) {
    if (!campaign.chance(campaign.profile.batchJobDeletionProbability())) {
      return;
    }
    List<Allocation> queued = active.stream().filter(a -> BATCH_QUEUED.equals(a.state)).toList();
    if (queued.size() >= 2) {
      Allocation victim = queued.get(queued.size() - 1);
      victim.state = BATCH_PENDING_DELETION;
      updates.add(BatchJobUpdate.state(victim.id, BATCH_PENDING_DELETION));
    }
  }

  private void maybeSubmit(long now) {
    double demand = site.jobsBeforeRun;
    for (SiteAgent.Ready ready : site.runnable) {
      demand += ready.job().weight();
    }
    int supply = 0;
    for (Allocation a : active) {
      supply += a.nodes;
    }
    if (demand <= 0
        || active.size() >= campaign.profile.maxActiveBatchJobsPerSite()
        || demand < supply) {
      return;
    }
    Profile p = campaign.profile;
    int nodes = campaign.pick(site.model.batchNodeChoices());
    int wall =
        campaign.random.nextInt(p.batchWallTimeMinutesMin(), p.batchWallTimeMinutesMax() + 1);
    long id =
        campaign
            .writes
            .createBatchJob(
                NewBatchJob.of(
                    site.siteId, site.model.project(), site.model.launchQueue(), nodes, wall))
            .id();
    active.add(new Allocation(id, nodes, wall, now));
  }

  private void refresh(long now) {
    Map<String, Site.QueuedJob> queued = new LinkedHashMap<>();
    for (Allocation a : active) {
      if (BATCH_QUEUED.equals(a.state) || BATCH_RUNNING.equals(a.state)) {
        int queuedMin =
            (int) ((BATCH_QUEUED.equals(a.state) ? now : a.startedAt) - a.submittedAt) / 60_000_000;
        int remaining =
            BATCH_RUNNING.equals(a.state)
                ? Math.max(0, a.wallTimeMin - (int) ((now - a.startedAt) / 60_000_000))
                : a.wallTimeMin;
        queued.put(
            Long.toString(a.schedulerId),
            new Site.QueuedJob(
                a.schedulerId,
                a.state,
                site.model.launchQueue(),
                a.nodes,
                a.wallTimeMin,
                site.model.project(),
                remaining,
                queuedMin));
      }
    }
    Map<String, List<Site.BackfillWindow>> backfill = new LinkedHashMap<>();
    if (campaign.chance(0.7)) {
      int maxNodes = site.model.batchNodeChoices().get(site.model.batchNodeChoices().size() - 1);
      backfill.put(
          site.model.launchQueue(),
          List.of(
              new Site.BackfillWindow(
                  campaign.random.nextInt(1, maxNodes + 1), 5 * campaign.random.nextInt(2, 25))));
    }
    campaign.writes.refreshSite(site.siteId, backfill, queued);
  }

  private static Instant seconds(long micros) {
    return Campaign.instant(micros).truncatedTo(ChronoUnit.SECONDS);
  }
}

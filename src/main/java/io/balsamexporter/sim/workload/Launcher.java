package io.balsamexporter.sim.workload;

import static io.balsamexporter.balsam.JobStates.FAILED;
import static io.balsamexporter.balsam.JobStates.RUNNING;
import static io.balsamexporter.balsam.JobStates.RUN_DONE;
import static io.balsamexporter.balsam.JobStates.RUN_ERROR;
import static io.balsamexporter.balsam.JobStates.RUN_TIMEOUT;

import io.balsamexporter.sim.catalog.Failures;
import io.balsamexporter.sim.store.EventData;
import io.balsamexporter.sim.store.JobUpdate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Balsam launcher inside one running batch job: packs runnable jobs onto its nodes by {@code
 * num_nodes/node_packing_count}, runs them, and reports through its own StatusUpdater, which now
 * and then stalls. At the end of the wall time its jobs time out; a crashed launcher leaves them
 * RUNNING until the server expires its session.
 */
final class Launcher {
  private static final int MAX_SCAN = 64;

  private final SiteAgent site;
  private final Campaign campaign;
  private final long batchJobId;
  private final double capacity;
  private final long endAt;
  private final long crashAt;
  private final Outbox outbox = new Outbox();
  private final Map<Long, PlannedJob> running = new LinkedHashMap<>();
  private double used;
  private boolean stopped;
  private long stoppedAt;
  private long busyAt;

  Launcher(SiteAgent site, long batchJobId, int nodes, long startAt, long endAt) {
    this.site = site;
    this.campaign = site.campaign;
    this.batchJobId = batchJobId;
    this.capacity = nodes;
    this.endAt = endAt;
    this.busyAt = startAt;
    this.crashAt =
        campaign.chance(campaign.profile.launcherCrashProbability())
            ? startAt + (long) ((endAt - startAt) * (0.3 + 0.6 * campaign.random.nextDouble()))
            : Long.MAX_VALUE;
  }

  void start() {
    long now = campaign.now();
    campaign.at(now, this::tick);
    campaign.at(now + campaign.scaled(campaign.profile.statusFlushInterval()), this::flush);
  }

  boolean stopped() {
    return stopped;
  }

  long stoppedAt() {
    return stoppedAt;
  }

  private void tick() {
    if (stopped) {
      return;
    }
    long now = campaign.now();
    if (now >= endAt) {
      running
          .values()
          .forEach(
              job ->
                  outbox.add(
                      job, JobUpdate.state(job.id, RUN_TIMEOUT, Campaign.instant(now), null)));
      running.clear();
      stop(now);
      return;
    }
    if (now >= crashAt) {
      crash(now);
      return;
    }
    acquire(now);
    if (!running.isEmpty()) {
      busyAt = now;
    } else if (now - busyAt >= campaign.scaled(campaign.profile.launcherIdleTimeout())) {
      stop(now);
      return;
    }
    campaign.at(
        Math.min(endAt, now + campaign.scaled(campaign.profile.launcherTick())), this::tick);
  }

  private void acquire(long now) {
    int scanned = 0;
    for (Iterator<SiteAgent.Ready> it = site.runnable.iterator();
        it.hasNext() && scanned < MAX_SCAN;
        scanned++) {
      SiteAgent.Ready ready = it.next();
      if (ready.since() > now) {
        return;
      }
      PlannedJob job = ready.job();
      if (used + job.weight() > capacity + 1e-9) {
        continue;
      }
      it.remove();
      job.runs++;
      if (campaign.chance(campaign.profile.preprocessFailureProbability() / 2)) {
        // The launcher could not start it (Balsam marks the job FAILED with the exception).
        outbox.add(
            job,
            JobUpdate.state(
                job.id,
                FAILED,
                Campaign.instant(now),
                Failures.launchFailure(campaign.random.nextInt())));
        continue;
      }
      used += job.weight();
      running.put(job.id, job);
      outbox.add(
          job,
          new JobUpdate(
              job.id,
              RUNNING,
              Campaign.instant(now),
              EventData.running(job.numNodes, job.nodePackingCount),
              batchJobId,
              null));
      long runTime =
          (long)
              (campaign.between(campaign.profile.runTimeMin(), campaign.profile.runTimeMax())
                  * job.app.runTimeFactor());
      campaign.at(now + Math.max(1000, runTime), () -> endRun(job));
    }
  }

  private void endRun(PlannedJob job) {
    if (stopped || running.remove(job.id) == null) {
      return;
    }
    used -= job.weight();
    long now = campaign.now();
    if (campaign.chance(campaign.profile.runErrorProbability())) {
      int kind = campaign.random.nextInt(Failures.RUN_ERROR_KINDS);
      outbox.add(
          job,
          JobUpdate.state(
              job.id,
              RUN_ERROR,
              Campaign.instant(now),
              Failures.runError(kind, campaign.random.nextInt())));
    } else {
      outbox.add(job, JobUpdate.state(job.id, RUN_DONE, Campaign.instant(now), null));
    }
  }

  /** The StatusUpdater's cycle: post what is pending, unless it is stalled this time. */
  private void flush() {
    if (stopped) {
      return;
    }
    long now = campaign.now();
    long next;
    if (campaign.chance(campaign.profile.stallProbability())) {
      next = now + campaign.between(campaign.profile.stallMin(), campaign.profile.stallMax());
    } else {
      outbox.post(campaign);
      next = now + campaign.scaled(campaign.profile.statusFlushInterval());
    }
    campaign.at(next, this::flush);
  }

  private void stop(long now) {
    stopped = true;
    stoppedAt = now;
    outbox.post(campaign);
  }

  private void crash(long now) {
    List<PlannedJob> stuck = new ArrayList<>(running.values());
    running.clear();
    stop(now);
    campaign.at(
        now + campaign.scaled(campaign.profile.sessionExpiry()), () -> site.expireSessions(stuck));
  }
}

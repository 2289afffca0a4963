package io.balsamexporter.sim.workload;

import static io.balsamexporter.balsam.JobStates.AWAITING_PARENTS;
import static io.balsamexporter.balsam.JobStates.FAILED;
import static io.balsamexporter.balsam.JobStates.POSTPROCESSED;
import static io.balsamexporter.balsam.JobStates.PREPROCESSED;
import static io.balsamexporter.balsam.JobStates.READY;
import static io.balsamexporter.balsam.JobStates.RESTART_READY;
import static io.balsamexporter.balsam.JobStates.RUN_DONE;
import static io.balsamexporter.balsam.JobStates.RUN_ERROR;
import static io.balsamexporter.balsam.JobStates.RUN_TIMEOUT;
import static io.balsamexporter.balsam.JobStates.STAGED_IN;

import io.balsamexporter.balsam.Job;
import io.balsamexporter.sim.catalog.Catalog;
import io.balsamexporter.sim.catalog.Failures;
import io.balsamexporter.sim.catalog.JobFactory;
import io.balsamexporter.sim.store.EventData;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.sim.store.NewJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One site: its user's job submissions, and the site agent's processing and transfer services. Each
 * step of a job is scheduled from the moment the server learned of the previous one, as the real
 * services poll the server, so a job's own events stay in time order even when the server receives
 * them late.
 */
final class SiteAgent {
  /** A job the server has as PREPROCESSED or RESTART_READY since {@code since}. */
  record Ready(PlannedJob job, long since) {}

  private static final int PARENT_POOL = 200;

  final Campaign campaign;
  final Catalog.SiteModel model;
  final long siteId;
  final Deque<Ready> runnable = new ArrayDeque<>();
  final SiteScheduler scheduler;
  private final Map<String, Long> appIds;
  private final JobFactory factory;
  private final Outbox processing = new Outbox();
  private final Map<String, Deque<PlannedJob>> parentPools = new HashMap<>();

  /** Released jobs not yet runnable for the first time: they make the site ask for launchers. */
  int jobsBeforeRun;

  SiteAgent(
      Campaign campaign,
      Catalog.SiteModel model,
      long siteId,
      Map<String, Long> appIds,
      JobFactory factory) {
    this.campaign = campaign;
    this.model = model;
    this.siteId = siteId;
    this.appIds = appIds;
    this.factory = factory;
    this.scheduler = new SiteScheduler(this);
  }

  void start() {
    long now = campaign.now();
    campaign.at(
        now + campaign.between(Duration.ZERO, campaign.profile.burstInterval()) / 4, this::burst);
    campaign.at(
        now + campaign.scaled(campaign.profile.statusFlushInterval()), this::flushProcessing);
    scheduler.start();
  }

  /** The user submits a burst of jobs for one app, children picking parents among recent jobs. */
  private void burst() {
    Profile profile = campaign.profile;
    Catalog.AppModel app = campaign.pick(model.apps());
    Deque<PlannedJob> parents = null;
    if (app.parentApp() != null) {
      parents = parentPools.get(app.parentApp());
      if (parents == null || parents.isEmpty()) {
        app = appNamed(app.parentApp());
        parents = null;
      }
    }
    int count = campaign.random.nextInt(profile.burstMinJobs(), profile.burstMaxJobs() + 1);
    List<NewJob> specs = new ArrayList<>(count);
    List<List<PlannedJob>> parentsOf = new ArrayList<>(count);
    List<PlannedJob> pool = parents == null ? List.of() : new ArrayList<>(parents);
    for (int i = 0; i < count; i++) {
      List<PlannedJob> chosen = new ArrayList<>(2);
      if (!pool.isEmpty()) {
        chosen.add(campaign.pick(pool));
        PlannedJob second = campaign.pick(pool);
        if (second != chosen.get(0) && campaign.chance(0.4)) {
          chosen.add(second);
        }
      }
      parentsOf.add(chosen);
      List<Long> parentIds = chosen.stream().map(p -> p.id).toList();
      specs.add(factory.make(campaign.random, model, app, appIds.get(app.name()), parentIds));
    }
    create(app, specs, parentsOf);
    long next =
        campaign.between(
            profile.burstInterval().dividedBy(2),
            profile.burstInterval().multipliedBy(3).dividedBy(2));
    campaign.at(campaign.now() + next, this::burst);
  }

  private Catalog.AppModel appNamed(String name) {
    return model.apps().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  private void create(Catalog.AppModel app, List<NewJob> specs, List<List<PlannedJob>> parentsOf) {
    for (int from = 0; from < specs.size(); from += Outbox.MAX_ITEMS_PER_REQUEST) {
      int to = Math.min(specs.size(), from + Outbox.MAX_ITEMS_PER_REQUEST);
      List<Job> created = campaign.writes.createJobs(specs.subList(from, to));
      for (int i = 0; i < created.size(); i++) {
        track(app, created.get(i), parentsOf.get(from + i));
      }
    }
  }

  private void track(Catalog.AppModel app, Job created, List<PlannedJob> parents) {
    PlannedJob job =
        new PlannedJob(created.id(), this, app, created.numNodes(), created.nodePackingCount());
    Deque<PlannedJob> pool = parentPools.computeIfAbsent(app.name(), k -> new ArrayDeque<>());
    pool.addLast(job);
    if (pool.size() > PARENT_POOL) {
      pool.removeFirst();
    }
    if (AWAITING_PARENTS.equals(created.state())) {
      parents.forEach(parent -> parent.waitingChildren.add(job));
    } else {
      release(job, created.state());
    }
  }

  private void release(PlannedJob job, String state) {
    job.released = true;
    jobsBeforeRun++;
    proceed(job, state);
  }

  /** Schedules what the site does with a job the server now has in {@code state}. */
  private void proceed(PlannedJob job, String state) {
    long from = campaign.serverNow();
    if (READY.equals(state)) {
      campaign.at(
          from + campaign.between(campaign.profile.transferMin(), campaign.profile.transferMax()),
          () -> stageIn(job));
    } else if (STAGED_IN.equals(state)) {
      campaign.at(from + campaign.processingDelay(), () -> preprocess(job));
    }
  }

  private void stageIn(PlannedJob job) {
    campaign.writes.completeTransfers(job.id, "in");
    proceed(job, STAGED_IN);
  }

  private void preprocess(PlannedJob job) {
    long at = campaign.now();
    if (campaign.chance(campaign.profile.preprocessFailureProbability())) {
      processing.add(
          job,
          JobUpdate.state(
              job.id,
              FAILED,
              Campaign.instant(at),
              Failures.preprocessFailure(job.app.name(), campaign.random.nextInt())));
    } else {
      processing.add(job, JobUpdate.state(job.id, PREPROCESSED, Campaign.instant(at), null));
    }
  }

  private void flushProcessing() {
    processing.post(campaign);
    campaign.at(
        campaign.now() + campaign.scaled(campaign.profile.statusFlushInterval()),
        this::flushProcessing);
  }

  /** The server has just stored {@code requested} for {@code job}: the site reacts to it. */
  void landed(PlannedJob job, String requested) {
    long from = campaign.serverNow();
    switch (requested) {
      case PREPROCESSED, RESTART_READY -> {
        if (PREPROCESSED.equals(requested)) {
          jobsBeforeRun--;
        }
        runnable.addLast(new Ready(job, from));
      }
      case RUN_DONE -> campaign.at(from + campaign.processingDelay(), () -> postprocess(job));
      case RUN_ERROR -> campaign.at(from + campaign.processingDelay(), () -> afterError(job));
      case RUN_TIMEOUT -> campaign.at(from + campaign.processingDelay(), () -> restart(job));
      case POSTPROCESSED -> {
        if (job.app.stageOut()) {
          campaign.at(
              from
                  + campaign.between(
                      campaign.profile.transferMin(), campaign.profile.transferMax()),
              () -> stageOut(job));
        } else {
          releaseChildren(job);
        }
      }
      case FAILED -> {
        if (job.runs == 0) {
          jobsBeforeRun--;
        }
      }
      default -> {}
    }
  }

  private void postprocess(PlannedJob job) {
    Instant at = Campaign.instant(campaign.now());
    // Hooks fail alike: the postprocess hook as often as the preprocess one.
    if (campaign.chance(campaign.profile.preprocessFailureProbability())) {
      processing.add(
          job,
          JobUpdate.state(
              job.id,
              FAILED,
              at,
              Failures.postprocessFailure(job.app.name(), campaign.random.nextInt())));
    } else {
      processing.add(job, JobUpdate.state(job.id, POSTPROCESSED, at, null));
    }
  }

  private void afterError(PlannedJob job) {
    boolean retry = job.runs < 3 && campaign.chance(campaign.profile.retryAfterErrorProbability());
    processing.add(
        job,
        JobUpdate.state(
            job.id, retry ? RESTART_READY : FAILED, Campaign.instant(campaign.now()), null));
  }

  private void restart(PlannedJob job) {
    processing.add(
        job, JobUpdate.state(job.id, RESTART_READY, Campaign.instant(campaign.now()), null));
  }

  private void stageOut(PlannedJob job) {
    campaign.writes.completeTransfers(job.id, "out");
    releaseChildren(job);
  }

  /** Children the server released along with this job's JOB_FINISHED go on to stage in. */
  private void releaseChildren(PlannedJob parent) {
    for (PlannedJob child : parent.waitingChildren) {
      if (child.released) {
        continue;
      }
      String state =
          campaign.store.read(
              d -> {
                Job stored = d.jobs.get(child.id);
                return stored == null ? AWAITING_PARENTS : stored.state();
              });
      if (!AWAITING_PARENTS.equals(state)) {
        release(child, state);
      }
    }
    parent.waitingChildren.clear();
  }

  /** The server times out the RUNNING jobs of a launcher whose session expired: server-stamped. */
  void expireSessions(List<PlannedJob> stuck) {
    if (stuck.isEmpty()) {
      return;
    }
    campaign.writes.updateJobs(
        stuck.stream()
            .map(job -> JobUpdate.state(job.id, RUN_TIMEOUT, null, EventData.sessionExpired()))
            .toList());
    stuck.forEach(job -> landed(job, RUN_TIMEOUT));
  }
}

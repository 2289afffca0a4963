package io.balsamexporter.sim.workload;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.log.LogLine;
import io.balsamexporter.sim.catalog.Catalog;
import io.balsamexporter.sim.catalog.JobFactory;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimWrites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays a seeded Balsam campaign through {@link SimWrites}: sites with apps, users submitting
 * bursts of jobs, launchers (batch jobs) queueing, running and ending, jobs flowing through the
 * real state machine, and site status updates posted in batches that sometimes stall, so events
 * reach the server late and out of timestamp order.
 *
 * <p>Time: the generator never moves the clock, it reads it. {@link #step} plays the campaign
 * forward by the given duration and expects the store's clock to have been advanced by the caller
 * at least that far (a {@code ManualClock} in tests; the system clock with {@link #startRealtime}).
 * Site-stamped events carry the simulated instant they happen at; server writes are stamped with
 * the store's clock when they are made. Step in small increments (about a second): a step is the
 * granularity at which the server sees site updates.
 */
public final class WorkloadGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(WorkloadGenerator.class);
  private static final Duration REALTIME_TICK = Duration.ofMillis(200);

  private final Campaign campaign;
  private final List<SiteAgent> sites = new ArrayList<>();
  private long playedUntil;

  public WorkloadGenerator(
      SimStore store, SimWrites writes, long ownerUserId, long seed, Profile profile) {
    this.campaign = new Campaign(store, writes, profile, seed);
    this.playedUntil = campaign.now();
    JobFactory factory = new JobFactory();
    for (Catalog.SiteModel model : Catalog.sites().subList(0, profile.sites())) {
      Site site = siteFor(store, writes, ownerUserId, model);
      Map<String, Long> appIds = new LinkedHashMap<>();
      for (Catalog.AppModel app : model.apps()) {
        appIds.put(app.name(), appFor(store, writes, site, app));
      }
      sites.add(new SiteAgent(campaign, model, site.id(), appIds, factory));
    }
    sites.forEach(SiteAgent::start);
  }

  /**
   * Plays every action of the campaign due within the next {@code simulated} time.
   *
   * @throws IllegalStateException if the store's clock has not been advanced that far
   */
  public synchronized void step(Duration simulated) {
    long horizon = playedUntil + Campaign.toMicros(simulated);
    if (campaign.serverNow() < horizon) {
      throw new IllegalStateException(
          "the store's clock is behind the campaign: advance it before step()");
    }
    campaign.timeline.runUntil(horizon);
    playedUntil = horizon;
  }

  /**
   * For {@code --demo}: steps the campaign on a daemon thread as the store's clock moves, its
   * durations divided by {@code speed}. {@code close()} stops it.
   */
  public AutoCloseable startRealtime(double speed) {
    return startRealtime(speed, () -> {});
  }

  /** As {@link #startRealtime(double)}, calling {@code afterStep} after each step (for tests). */
  AutoCloseable startRealtime(double speed, Runnable afterStep) {
    synchronized (this) {
      campaign.setSpeed(speed);
    }
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "balsam-sim-workload");
              thread.setDaemon(true);
              return thread;
            });
    ticker.scheduleWithFixedDelay(
        () -> {
          catchUp();
          afterStep.run();
        },
        0,
        REALTIME_TICK.toMillis(),
        TimeUnit.MILLISECONDS);
    return () -> {
      ticker.shutdownNow();
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    };
  }

  /** One realtime tick; a failure is logged and the next tick tries again. */
  private synchronized void catchUp() {
    long behind = campaign.serverNow() - playedUntil;
    try {
      if (behind > 0) {
        step(Duration.ofNanos(behind * 1000));
      }
    } catch (RuntimeException e) {
      LOG.warn("{}", LogLine.msg("workload step failed").with("error", e.toString()));
    }
  }

  private static Site siteFor(
      SimStore store, SimWrites writes, long owner, Catalog.SiteModel model) {
    Site existing =
        store.read(
            d ->
                d.sites.values().stream()
                    .filter(s -> s.name().equals(model.name()))
                    .filter(s -> Long.valueOf(owner).equals(d.siteOwner.get(s.id())))
                    .findFirst()
                    .orElse(null));
    return existing != null
        ? existing
        : writes.createSite(owner, model.name(), model.path(), model.settings());
  }

  private static long appFor(SimStore store, SimWrites writes, Site site, Catalog.AppModel app) {
    Long existing =
        store.read(
            d ->
                d.apps.values().stream()
                    .filter(a -> a.siteId() == site.id() && a.name().equals(app.name()))
                    .map(App::id)
                    .findFirst()
                    .orElse(null));
    return existing != null
        ? existing
        : writes.createApp(site.id(), app.name(), app.appSpec(site.name())).id();
  }
}

package io.balsamexporter.sim.bulk;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.sim.catalog.Catalog;
import io.balsamexporter.sim.catalog.Micros;
import io.balsamexporter.sim.store.JsonbOrder;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The batch jobs of a bulk build: per site a few lanes of launchers, one after the other, each
 * queued, then running for (up to) its wall time. Those that ended before now are finished with
 * whole-second start and end times; one may be running and one queued at the end.
 */
final class BulkAllocations {
  private static final long MINUTE = 60_000_000L;
  private static final int MAX_LANES = 64;
  private static final DateTimeFormatter SUBMIT_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);

  /** One launcher's allocation; {@code end} is when it stopped (or crashed) or will stop. */
  static final class Allocation {
    final int site;
    final int nodes;
    final int wallTimeMin;
    final long submitted;
    final long start;
    final long end;
    final boolean crashed;
    long id;
    long schedulerId;

    Allocation(
        int site,
        int nodes,
        int wallTimeMin,
        long submitted,
        long start,
        long end,
        boolean crashed) {
      this.site = site;
      this.nodes = nodes;
      this.wallTimeMin = wallTimeMin;
      this.submitted = submitted;
      this.start = start;
      this.end = end;
      this.crashed = crashed;
    }
  }

  /** Per site, per lane, allocations in time order. */
  final List<List<List<Allocation>>> lanes = new ArrayList<>();

  final List<Allocation> all = new ArrayList<>();
  private final long now;

  /**
   * Plans {@code lanesPerSite[s]} launchers at a time at site {@code s}, of {@code nodes[s]} or
   * twice that many nodes (capped by the launch queue's limit), from before {@code from} to now.
   */
  private BulkAllocations(
      SplittableRandom random,
      List<Catalog.SiteModel> sites,
      int[] nodes,
      int[] lanesPerSite,
      long from,
      long now) {
    this.now = now;
    for (int s = 0; s < sites.size(); s++) {
      List<List<Allocation>> siteLanes = new ArrayList<>();
      Catalog.SiteModel site = sites.get(s);
      int maxNodes = site.allowedQueues().get(site.launchQueue()).maxNodes();
      for (int lane = 0; lane < lanesPerSite[s]; lane++) {
        List<Allocation> sequence = new ArrayList<>();
        long t = from - random.nextLong(90 * MINUTE);
        for (int guard = 0; t < now && guard < 1_000_000; guard++) {
          int wall = 10 * random.nextInt(2, 13);
          long start = t + random.nextLong(2 * MINUTE, 30 * MINUTE);
          boolean crashed = random.nextDouble() < 0.05;
          double used =
              crashed
                  ? 0.3 + 0.6 * random.nextDouble()
                  : random.nextDouble() < 0.2 ? 0.5 + 0.5 * random.nextDouble() : 1.0;
          long end = start + (long) (wall * MINUTE * used);
          int size = Math.min(maxNodes, nodes[s] * (1 + random.nextInt(2)));
          Allocation a = new Allocation(s, size, wall, t, start, end, crashed);
          sequence.add(a);
          all.add(a);
          t = end + random.nextLong(MINUTE, 10 * MINUTE);
        }
        siteLanes.add(sequence);
      }
      lanes.add(siteLanes);
    }
    all.sort(Comparator.comparingLong((Allocation a) -> a.submitted));
    long[] schedulerIds = sites.stream().mapToLong(Catalog.SiteModel::schedulerIdBase).toArray();
    for (Allocation a : all) {
      schedulerIds[a.site] += random.nextInt(1, 400);
      a.schedulerId = schedulerIds[a.site];
    }
  }

  /**
   * Launcher sizes from the job rate: jobs per second times mean run time times mean node weight,
   * with headroom, spread over as many concurrent launchers ({@code lanes}) as the launch queue's
   * node limit needs, in multiples of eight nodes.
   */
  static BulkAllocations sizedFor(
      SplittableRandom random,
      List<Catalog.SiteModel> models,
      double[] siteShare,
      int jobs,
      long span,
      long from,
      long now) {
    int[] lanes = new int[models.size()];
    int[] nodes = new int[models.size()];
    for (int s = 0; s < models.size(); s++) {
      Catalog.SiteModel model = models.get(s);
      double weightTimesRun = 0;
      for (Catalog.AppModel app : model.apps()) {
        double meanNodes = app.nodeChoices().stream().mapToInt(x -> x).average().orElse(1);
        double meanPacking = app.packingChoices().stream().mapToInt(x -> x).average().orElse(1);
        weightTimesRun += meanNodes / meanPacking * BulkLifecycle.meanWorkSeconds(app);
      }
      weightTimesRun /= model.apps().size();
      double rate = jobs * siteShare[s] / (span / 1e6);
      double needed = 1.5 * rate * weightTimesRun;
      int queueLimit = model.allowedQueues().get(model.launchQueue()).maxNodes();
      lanes[s] = (int) Math.min(MAX_LANES, Math.max(2, Math.ceil(needed / queueLimit)));
      double perLane = needed / lanes[s];
      nodes[s] = Math.max(model.batchNodeChoices().get(0), 8 * (int) Math.ceil(perLane / 8));
    }
    return new BulkAllocations(random, models, nodes, lanes, from, now);
  }

  /**
   * The allocation of {@code site} a job ready at {@code ready} starts in, and when: the lane
   * offering the earliest start wins. Null if none will start it before {@code now}.
   */
  Allocation firstCovering(int site, long ready, long[] startOut) {
    Allocation best = null;
    long bestStart = Long.MAX_VALUE;
    for (List<Allocation> lane : lanes.get(site)) {
      int lo = 0;
      int hi = lane.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (lane.get(mid).end <= ready) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      if (lo < lane.size()) {
        Allocation a = lane.get(lo);
        long startAt = Math.max(ready, a.start);
        if (startAt < a.end && startAt < bestStart && startAt <= now) {
          best = a;
          bestStart = startAt;
        }
      }
    }
    startOut[0] = bestStart;
    return best;
  }

  /** The stored BatchJob as the server would show it now. */
  BatchJob toBatchJob(Allocation a, long siteId, Catalog.SiteModel site, int script) {
    String state =
        a.start > now
            ? JobStates.BATCH_QUEUED
            : a.end > now ? JobStates.BATCH_RUNNING : JobStates.BATCH_FINISHED;
    Map<String, String> info = new LinkedHashMap<>();
    info.put(
        "submit_script",
        String.format(Locale.ROOT, "%s/qsubmit/qlaunch%05d.sh", site.path(), script));
    info.put(
        "submit_time",
        SUBMIT_TIME.format(LocalDateTime.ofInstant(Micros.instant(a.submitted), ZoneOffset.UTC)));
    boolean finished = JobStates.BATCH_FINISHED.equals(state);
    return new BatchJob(
        a.nodes,
        a.wallTimeMin,
        "mpi",
        Map.of(),
        Map.of(),
        null,
        a.id,
        siteId,
        a.schedulerId,
        site.project(),
        site.launchQueue(),
        state,
        JsonbOrder.sortedKeys(info),
        finished ? seconds(a.start) : null,
        finished ? seconds(a.end) : null);
  }

  /** What a site reports in {@code queued_jobs} now: its queued and running allocations. */
  Map<String, Site.QueuedJob> queuedJobs(int site, Catalog.SiteModel model) {
    Map<String, Site.QueuedJob> queued = new LinkedHashMap<>();
    for (Allocation a : all) {
      if (a.site != site || a.submitted > now || a.end <= now) {
        continue;
      }
      boolean running = a.start <= now;
      int waited = (int) (((running ? a.start : now) - a.submitted) / MINUTE);
      int remaining =
          running ? (int) Math.max(0, a.wallTimeMin - (now - a.start) / MINUTE) : a.wallTimeMin;
      queued.put(
          Long.toString(a.schedulerId),
          new Site.QueuedJob(
              a.schedulerId,
              running ? JobStates.BATCH_RUNNING : JobStates.BATCH_QUEUED,
              model.launchQueue(),
              a.nodes,
              a.wallTimeMin,
              model.project(),
              remaining,
              waited));
    }
    return queued;
  }

  private static Instant seconds(long micros) {
    return Micros.instant(micros).truncatedTo(ChronoUnit.SECONDS);
  }
}

package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.IngestSink;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.PollUpdate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * What the console at {@code /} shows, as the JSON of {@code /api/v1/overview}: a card per site,
 * the seed's picture (utilization over the nodes held, live) and throughput for a time window, and
 * the batch jobs. Fed as an {@link IngestSink} next to the journal, it keeps the last poll's state;
 * what it derives from the whole journal (the full utilization and throughput lines, the last
 * hour's counts) is computed once per poll, on a thread of its own after the first request that
 * follows the poll, and reused by every request meanwhile and until the next.
 */
public final class Overview implements IngestSink {
  /** The windows the console offers, by the name the address gives. */
  public static final Map<String, Duration> RANGES =
      Map.of(
          "hour", Duration.ofHours(1),
          "day", Duration.ofDays(1),
          "week", Duration.ofDays(7));

  /**
   * How the polls go, from the poll loop.
   *
   * @param unreachableSince when the polls began to fail, or null while they succeed
   * @param problem what the last failed poll says, or null
   */
  public record Status(boolean synced, Instant unreachableSince, String problem) {}

  private final EventJournal journal;
  private final Clock clock;
  private final Supplier<Status> status;
  private PollUpdate.ClusterState state;
  private Instant lastPoll;
  private long version;
  private Derived derived;
  private boolean refreshing;
  private final ExecutorService refresher =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "overview-refresh");
            thread.setDaemon(true);
            return thread;
          });

  /** What one poll's journal gives, computed after it by the first request's background task. */
  private record Derived(
      long version,
      Instant lastPoll,
      Series utilization,
      Series throughput,
      Map<String, long[]> lastHour) {}

  public Overview(EventJournal journal, Clock clock, Supplier<Status> status) {
    this.journal = journal;
    this.clock = clock;
    this.status = status;
  }

  @Override
  public synchronized void apply(PollUpdate update) {
    version++;
    update
        .state()
        .ifPresent(
            s -> {
              state = s;
              lastPoll = clock.instant();
            });
  }

  /**
   * @param range {@code hour}, {@code day}, {@code week} or {@code campaign}
   * @param width the picture's width in pixels: the lines keep at most four points a pixel
   */
  public synchronized Map<String, Object> build(String range, int width) throws ReportException {
    if (!range.equals("campaign") && !RANGES.containsKey(range)) {
      throw new ReportException("range must be hour, day, week or campaign, got \"" + range + "\"");
    }
    Instant now = clock.instant();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", status(now));
    if (state == null || !status.get().synced()) {
      out.put("sites", List.of());
      return out;
    }
    Derived d = derived();
    out.put("last_poll", iso(lastPoll));
    // The lines and the last hour's counts may be a poll behind while they are recomputed.
    out.put("lines_as_of_poll", iso(d.lastPoll()));
    out.put("sites", SiteCards.of(state, d.lastHour(), now));
    Series held = availableNodes(now);
    long to = BalsamTime.toMicros(now);
    long from =
        range.equals("campaign")
            ? campaignStart(d, held, to)
            : to - RANGES.get(range).toNanos() / 1000;
    Map<String, Object> picture = new LinkedHashMap<>();
    picture.put("range", range);
    picture.put("from", ReportFormats.isoTime(from));
    picture.put("to", ReportFormats.isoTime(to));
    picture.put("width", width);
    picture.put("utilization", points(StepWindow.of(d.utilization(), from, to, width)));
    picture.put("available_nodes", points(StepWindow.of(held, from, to, width)));
    picture.put("throughput", points(StepWindow.of(d.throughput(), from, to, width)));
    out.put("picture", picture);
    out.put("batch_jobs", BatchJobTable.of(state.inventory()));
    return out;
  }

  private Map<String, Object> status(Instant now) {
    Status s = status.get();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("synced", s.synced());
    out.put("events_read", journal.size());
    long newest = journal.newestMicros();
    out.put("reached", newest == Long.MIN_VALUE ? null : ReportFormats.isoTime(newest));
    out.put("unreachable_since", s.unreachableSince() == null ? null : iso(s.unreachableSince()));
    out.put("problem", s.problem());
    out.put("now", iso(now));
    return out;
  }

  /**
   * The lines of the last poll when they are computed, else those of an earlier poll while a
   * background thread computes them: a request never waits for a scan of the whole journal, but the
   * very first one.
   */
  private Derived derived() throws ReportException {
    if (derived == null) {
      derived = compute(snapshot());
    } else if (derived.version() != version && !refreshing) {
      refreshing = true;
      Snapshot snapshot = snapshot();
      refresher.execute(() -> refreshFrom(snapshot));
    }
    return derived;
  }

  /** What a computation of the lines needs from the last poll, taken under the lock. */
  private record Snapshot(long version, Instant lastPoll, List<String> sites) {}

  private Snapshot snapshot() {
    return new Snapshot(
        version, lastPoll, state.inventory().sites().values().stream().map(Site::name).toList());
  }

  private void refreshFrom(Snapshot snapshot) {
    Derived fresh = null;
    try {
      fresh = compute(snapshot);
    } catch (ReportException | RuntimeException e) {
      // A site gone between the snapshot and the scan: the next request tries again.
    }
    synchronized (this) {
      if (fresh != null && (derived == null || fresh.version() > derived.version())) {
        derived = fresh;
      }
      refreshing = false;
    }
  }

  /**
   * Computes the lines of the last poll on the caller's thread, as the background thread does after
   * each poll: what the benchmark times. Does nothing before the first sync has ended.
   */
  public void refresh() throws ReportException {
    Snapshot snapshot;
    synchronized (this) {
      if (state == null || !status.get().synced()) {
        return;
      }
      snapshot = snapshot();
    }
    Derived fresh = compute(snapshot);
    synchronized (this) {
      derived = fresh;
    }
  }

  /** Scans the journal: not under this object's lock, so that requests are served meanwhile. */
  private Derived compute(Snapshot snapshot) throws ReportException {
    Instant hourAgo = snapshot.lastPoll().minus(Duration.ofHours(1));
    Map<String, long[]> lastHour = new LinkedHashMap<>();
    for (String site : snapshot.sites()) {
      long[] counts = new long[2];
      counts[0] = countInto(JobStates.JOB_FINISHED, site, hourAgo, snapshot.lastPoll());
      counts[1] = countInto(JobStates.FAILED, site, hourAgo, snapshot.lastPoll());
      lastHour.put(site, counts);
    }
    return new Derived(
        snapshot.version(),
        snapshot.lastPoll(),
        run(new ReportRequest(ReportKind.UTILIZATION, true, ReportFilter.NONE)).series(),
        run(new ReportRequest(ReportKind.THROUGHPUT, true, ReportFilter.NONE)).series(),
        lastHour);
  }

  private long countInto(String toState, String site, Instant since, Instant until)
      throws ReportException {
    ReportFilter filter =
        new ReportFilter(
            List.of(),
            Map.of(),
            Optional.empty(),
            Optional.of(toState),
            Optional.of(since),
            Optional.of(until),
            Optional.of(site),
            OptionalLong.empty(),
            OptionalLong.empty());
    return run(new ReportRequest(ReportKind.THROUGHPUT, true, filter)).series().size();
  }

  /**
   * The live available nodes, with the allocations still running ending just after {@code now}: the
   * picture ends at now, at the level they hold, rather than on the drop to zero that the live
   * report puts at now.
   */
  private Series availableNodes(Instant now) {
    Inventory inventory = state.inventory();
    return Reports.availableNodes(
        LiveAllocations.of(inventory.batchJobs(), inventory.observed(), now.plusNanos(1_000)));
  }

  private Report run(ReportRequest request) throws ReportException {
    try {
      return journal.run(request);
    } catch (ReportSource.NotReadyException e) {
      throw new IllegalStateException("the journal is not ready after the first sync", e);
    }
  }

  private static long campaignStart(Derived d, Series held, long to) {
    long start = to;
    for (Series s : new Series[] {d.utilization(), d.throughput(), held}) {
      if (s.size() > 0) {
        start = Math.min(start, s.micros()[0]);
      }
    }
    return start == to ? to - Duration.ofHours(1).toNanos() / 1000 : start;
  }

  private static List<double[]> points(StepWindow w) {
    List<double[]> out = new ArrayList<>(w.size());
    for (int i = 0; i < w.size(); i++) {
      out.add(new double[] {w.micros()[i] / 1e6, w.values()[i]});
    }
    return out;
  }

  static String iso(Instant t) {
    return ReportFormats.isoTime(BalsamTime.toMicros(t));
  }
}

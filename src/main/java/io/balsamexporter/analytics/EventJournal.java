package io.balsamexporter.analytics;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.IngestSink;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.ObservedAllocation;
import io.balsamexporter.ingest.PollUpdate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;

/**
 * Every event the exporter counted, kept compactly in (timestamp, id) order so that a report is one
 * scan: 20 bytes an event in primitive columns ({@link JournalChunk}), states, node weights and
 * payloads dictionary-encoded ({@link EventPayloads}), jobs by slot. Fed as an {@link IngestSink}
 * next to the metrics, it sees each counted event once; a restarted exporter rebuilds it from its
 * first sync.
 *
 * <p>Events are attributed to site, tags and batch job through the job index ({@link JournalJobs})
 * when a report runs, as Balsam's own queries join the job's current row.
 */
public final class EventJournal implements IngestSink, ReportSource {
  private static final int NO_WEIGHT = 0;
  private static final int OVERFLOW_WEIGHT = 0xffff;

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final BooleanSupplier ready;
  private final Clock clock;
  private final JournalEvents events = new JournalEvents();
  private final JournalJobs jobs = new JournalJobs();
  private final CountedRing recent = new CountedRing();
  private final EventPayloads payloads;
  // Keyed by the weight's bits times an odd constant (a bijection): the bits of usual weights (1,
  // 0.5, 2, ...) differ only in their high half, which HashMap's spreading leaves in one bucket.
  private final Map<Long, Integer> weightCodes = new HashMap<>();
  private final List<Double> weights = new ArrayList<>(List.of(Double.NaN));
  // Weights past the 16-bit dictionary, by event id; only a pathological campaign has any.
  private final Map<Integer, Double> overflowWeights = new HashMap<>();
  private List<Site> sites = List.of();
  private List<App> apps = List.of();
  private List<BatchJob> batchJobs = List.of();
  private Map<Long, ObservedAllocation> observed = Map.of();

  /**
   * @param ready true once the first sync has read the whole history: before, reports would be
   *     short, and {@link #run} says so instead
   */
  public EventJournal(BooleanSupplier ready) {
    this(ready, EventPayloads.DEFAULT_KEPT, Clock.systemUTC());
  }

  /**
   * @param clock "now" of the live reports, where allocations still running end
   */
  public EventJournal(BooleanSupplier ready, Clock clock) {
    this(ready, EventPayloads.DEFAULT_KEPT, clock);
  }

  /**
   * @param ready true once the first sync has read the whole history
   * @param payloadsKept how many distinct event payloads to hold ({@link EventPayloads})
   */
  public EventJournal(BooleanSupplier ready, int payloadsKept) {
    this(ready, payloadsKept, Clock.systemUTC());
  }

  /**
   * @param ready true once the first sync has read the whole history
   * @param payloadsKept how many distinct event payloads to hold ({@link EventPayloads})
   * @param clock "now" of the live reports, where allocations still running end
   */
  public EventJournal(BooleanSupplier ready, int payloadsKept, Clock clock) {
    this.ready = ready;
    this.payloads = new EventPayloads(payloadsKept);
    this.clock = clock;
  }

  @Override
  public void apply(PollUpdate update) {
    lock.writeLock().lock();
    try {
      PollUpdate.IndexedJobs indexed = update.indexedJobs();
      if (indexed.replacedAll()) {
        jobs.markAllDeleted();
      }
      for (JobRecord job : indexed.jobs()) {
        jobs.update(job.id(), job.appId(), job.batchJobId(), job.tags());
      }
      for (PollUpdate.CountedEvent counted : update.events()) {
        add(counted.event());
      }
      update
          .state()
          .ifPresent(
              state -> {
                sites = List.copyOf(state.inventory().sites().values());
                apps = List.copyOf(state.inventory().apps().values());
                batchJobs = state.inventory().batchJobs();
                observed = state.inventory().observed();
              });
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void add(Event event) {
    int from = StateCodes.code(event.fromState());
    int to = StateCodes.code(event.toState());
    int id = (int) event.id();
    // A RUNNING event's column holds its node weight, any other's its payload code.
    int weight = payloads.add(event, id);
    if (to == StateCodes.RUNNING) {
      weight = NO_WEIGHT;
      double nodes = event.runningNodes();
      if (!Double.isNaN(nodes)) {
        weight = weightCode(nodes);
        if (weight == OVERFLOW_WEIGHT) {
          overflowWeights.put(id, nodes);
        }
      }
    }
    long micros = BalsamTime.toMicros(event.timestamp());
    int slot = jobs.slot(event.jobId());
    jobs.sawEvent(slot, micros);
    int packed = JournalChunk.pack(from, to, weight);
    events.add(micros, id, slot, packed);
    recent.add(micros, id, slot, packed);
  }

  private int weightCode(double nodes) {
    long key = Double.doubleToLongBits(nodes) * 0x9E3779B97F4A7C15L;
    Integer known = weightCodes.get(key);
    if (known != null) {
      return known;
    }
    if (weights.size() >= OVERFLOW_WEIGHT) {
      return OVERFLOW_WEIGHT;
    }
    weights.add(nodes);
    weightCodes.put(key, weights.size() - 1);
    return weights.size() - 1;
  }

  @Override
  public Report run(ReportRequest request) throws ReportException, NotReadyException {
    if (!ready.getAsBoolean()) {
      throw new NotReadyException(
          "the first sync of the event history is still running; reports wait for it");
    }
    lock.readLock().lock();
    try {
      JobCriteria criteria = JobCriteria.resolve(request.filter(), sites, apps, batchJobs);
      List<BatchJob> selected =
          criteria.batchJobs(
              request.live()
                  ? LiveAllocations.of(batchJobs, observed, clock.instant())
                  : batchJobs);
      EventScan scan = request.kind() == ReportKind.AVAILABLE_NODES ? EMPTY_SCAN : scan(criteria);
      return Report.of(request, scan, selected);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * A page of the events {@code query} matches, with the payloads held in memory; the others are
   * {@link EventRow.Data#MISSING} for {@link EventLogService} to fetch.
   */
  public EventPage events(EventQuery query) throws ReportException, NotReadyException {
    if (!ready.getAsBoolean()) {
      throw new NotReadyException(
          "the first sync of the event history is still running; the events API waits for it");
    }
    lock.readLock().lock();
    try {
      return JournalQuery.run(query, events, jobs, this::payload, sites, apps, batchJobs, recent);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** An event's payload from the store; valid while the read lock is held. */
  private EventPayloads.Payload payload(int eventId, int packed) {
    int to = JournalChunk.to(packed);
    double nodes = Double.NaN;
    if (to == StateCodes.RUNNING) {
      int weight = JournalChunk.weight(packed);
      nodes = weight == OVERFLOW_WEIGHT ? overflowWeights.get(eventId) : weights.get(weight);
    }
    return payloads.resolve(eventId, to, JournalChunk.weight(packed), nodes);
  }

  /** The journal's events that {@code criteria} keeps; valid while the read lock is held. */
  private EventScan scan(JobCriteria criteria) {
    boolean[] keep = criteria.anyJob() ? jobs.notDeleted() : jobs.matching(criteria);
    double[] weightOf = new double[weights.size()];
    for (int i = 0; i < weightOf.length; i++) {
      weightOf[i] = weights.get(i);
    }
    long since = criteria.filter().since().map(BalsamTime::toMicros).orElse(Long.MIN_VALUE);
    long until = criteria.filter().until().map(BalsamTime::toMicros).orElse(Long.MAX_VALUE);
    int slots = jobs.size();
    return new EventScan() {
      @Override
      public int jobSlots() {
        return slots;
      }

      @Override
      public void forEach(Visitor visitor) {
        events.forEach(
            since,
            until,
            (micros, id, job, packed) -> {
              if (keep[job]) {
                int to = JournalChunk.to(packed);
                visitor.visit(
                    micros, job, JournalChunk.from(packed), to, nodes(id, packed, weightOf));
              }
            });
      }
    };
  }

  /** A RUNNING event's node weight, NaN for any other event or a RUNNING one without. */
  private double nodes(int id, int packed, double[] weightOf) {
    if (JournalChunk.to(packed) != StateCodes.RUNNING) {
      return Double.NaN;
    }
    int weight = JournalChunk.weight(packed);
    return weight == OVERFLOW_WEIGHT ? overflowWeights.get(id) : weightOf[weight];
  }

  private static final EventScan EMPTY_SCAN =
      new EventScan() {
        @Override
        public int jobSlots() {
          return 0;
        }

        @Override
        public void forEach(Visitor visitor) {}
      };

  /** The time of the newest event held, in microseconds; Long.MIN_VALUE when there is none. */
  public long newestMicros() {
    lock.readLock().lock();
    try {
      return events.newestMicros();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * For the failures' tag filter: which of the given jobs hold every tag, as the job index last
   * listed them (deleted jobs none).
   */
  public boolean[] jobsHoldingTags(Map<String, String> tags, long[] jobIds, int n) {
    lock.readLock().lock();
    try {
      return jobs.holdingTags(tags, jobIds, n);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The payloads of the events held; read under the journal's lock. */
  EventPayloads payloads() {
    return payloads;
  }

  /** Events held. */
  public long size() {
    lock.readLock().lock();
    try {
      return events.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Heap held by the event columns, the job slots and the payloads, for the benchmark. */
  public long bytes() {
    lock.readLock().lock();
    try {
      return events.bytes() + jobs.bytes() + recent.bytes() + payloads.bytes();
    } finally {
      lock.readLock().unlock();
    }
  }
}

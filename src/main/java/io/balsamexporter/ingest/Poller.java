package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.log.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of the Balsam API, and what is kept between polls. {@link #pollOnce()} is a plain
 * method: tests call it directly, {@link PollLoop} calls it on a schedule.
 *
 * <p>A poll first makes every request it needs, changing nothing; only when all succeeded does it
 * fold the answers into its state and hand them to the sink, in one step that makes no request and
 * cannot fail half-way. The first sync reads the whole event history; the sink sees its pages one
 * by one (each page whole), but nothing is exported before the sync ends, and a page's events are
 * marked counted as they are counted, so a sync that fails part way resumes where it stopped
 * without counting anything twice. It lists the jobs on a thread of its own while the history's
 * first pages are requested, so the server works on both at once.
 */
public final class Poller {
  private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

  /** How often a long first sync says how far it got. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

  private final BalsamApi api;
  private final IngestSettings settings;
  private final Clock clock;
  private final IngestSink sink;
  private final InventorySync inventorySync;
  private final JobSync jobSync;
  private final EventSync eventSync;
  private final EventLedger ledger = new EventLedger();
  private final JobIndex jobs = new JobIndex();
  private final EventCounter counter;
  private Inventory inventory = Inventory.EMPTY;
  // Where a first sync that failed part way resumes: its pages before this time were counted, and
  // an event that lands before it meanwhile is found by the count check of the later polls.
  private Instant historyReadUntil;
  // When the next poll checks the count of the history; null until the first sync ends.
  private Instant nextCheck;
  // Read by /-/ready while a poll runs: a probe must not wait for the poll's lock.
  private volatile boolean synced;
  private PollRecorder recorder = PollRecorder.NONE;
  // The inventory as the recorder last got it: it is recorded again only when it changes.
  private Inventory recordedInventory;

  public Poller(BalsamApi api, IngestSettings settings, Clock clock, IngestSink sink) {
    this.api = api;
    this.settings = settings;
    this.clock = clock;
    this.sink = sink;
    this.inventorySync = new InventorySync(api, settings.pageSize());
    this.jobSync =
        new JobSync(api, settings.pageSize(), settings.firstSyncPageSize(), settings.tagKeys());
    this.eventSync =
        new EventSync(api, settings.pageSize(), settings.firstSyncPageSize(), settings.since());
    this.counter = new EventCounter(ledger, jobs);
  }

  /** From now on, hands every update applied to {@code recorder} too. */
  public synchronized void recordTo(PollRecorder recorder) {
    this.recorder = recorder;
  }

  /**
   * Takes back one update recorded before a restart, with its checkpoint, in the order recorded:
   * rebuilds the state it left and hands the update to the sink again (without the cluster state,
   * which {@link #restoreDone} publishes once). Only before the first poll.
   */
  public synchronized void restore(PollUpdate update, Checkpoint checkpoint) {
    checkpoint.inventory().ifPresent(restored -> inventory = restored);
    recordedInventory = inventory;
    PollUpdate.IndexedJobs indexed = update.indexedJobs();
    if (indexed.replacedAll()) {
      jobs.replaceAll(indexed.jobs());
    } else {
      indexed.jobs().forEach(jobs::put);
    }
    jobs.takeIndexed();
    counter.replay(update.events());
    checkpoint
        .relisted()
        .forEach(r -> ledger.replaceTallies(r.fromMinute(), r.toMinute(), r.perMinute()));
    historyReadUntil = checkpoint.historyReadUntil().orElse(null);
    jobSync.restore(checkpoint.listedAt(), checkpoint.newestListed(), checkpoint.shortfallPolls());
    synced = checkpoint.synced();
    sink.apply(
        new PollUpdate(
            update.newJobTags(),
            update.events(),
            update.runs(),
            update.queueWaits(),
            update.duplicates(),
            Optional.empty(),
            update.indexedJobs()));
  }

  /**
   * Ends a restore: publishes the state it rebuilt, and has the next poll check the counts, so that
   * what changed while the exporter was down, deletions included, is found at once.
   */
  public synchronized void restoreDone() {
    if (synced) {
      publish(List.of(), EventCounter.Counted.NOTHING, true, List.of());
    }
    nextCheck = clock.instant();
  }

  /** True once the first sync has read the whole history: the exporter is ready. */
  public boolean synced() {
    return synced;
  }

  /** Polls once; a Balsam failure is returned, not thrown, and leaves the state as it was. */
  public synchronized PollResult pollOnce() {
    Instant started = clock.instant();
    try {
      PollResult.Counts counts = synced ? poll() : firstSync();
      return PollResult.success(counts, Duration.between(started, clock.instant()));
    } catch (BalsamException e) {
      return PollResult.failure(e, Duration.between(started, clock.instant()));
    }
  }

  private PollResult.Counts firstSync() throws BalsamException {
    // A resumed sync re-reads the jobs, so a job that changed while it was down looks unchanged to
    // the next poll: its late events are found by a count check at that poll.
    boolean resumed = historyReadUntil != null;
    Inventory newInventory = inventorySync.all();
    PollResult.Counts[] total = {PollResult.Counts.NONE};
    // Jobs created while the history is read: each update carries the ones its events name.
    List<JobRecord> unpublished = new ArrayList<>();
    // The full listing once applied; the pager hands at least one page, the last maybe empty.
    JobSync.Changes[] listed = {null};
    Progress progress = new Progress(clock.instant());
    Optional<Instant> historyFrom;
    // The jobs are listed while the history is read, one request in flight for each. The first
    // page of events waits for the whole listing, since counting an event needs its job.
    try (BackgroundRead<JobSync.Changes> listing =
        BackgroundRead.start("balsam-job-listing", jobSync::all)) {
      historyFrom =
          eventSync.history(
              historyReadUntil,
              page -> {
                if (listed[0] == null) {
                  listed[0] = listing.await();
                  applyListing(listed[0], newInventory, unpublished);
                }
                total[0] = total[0].plus(countHistory(page, unpublished));
                if (!page.isEmpty()) {
                  historyReadUntil = page.get(page.size() - 1).timestamp();
                }
                progress.pageRead(page);
              });
    }
    // An event inserted behind the reading of the history (stamped late, or in a transaction that
    // committed late) belongs to a job the server changed after the history's first request; the
    // listing, running alongside, may have read that job changed already, so the polls would not
    // take it for touched. The events of every job changed since then are read once more.
    boolean checkNow = resumed;
    if (historyFrom.isPresent()) {
      Instant changedAfter = JobSync.changesAfter(historyFrom.get());
      List<Long> changedMeanwhile =
          listed[0].jobs().stream()
              .filter(job -> !job.lastUpdate().isBefore(changedAfter))
              .map(JobRecord::id)
              .toList();
      total[0] = total[0].plus(countHistory(eventSync.ofJobs(changedMeanwhile), unpublished));
    } else {
      // A server that does not tell its time: the count check of the first poll finds them.
      checkNow = true;
    }
    synced = true;
    nextCheck = checkNow ? clock.instant() : clock.instant().plus(settings.checkInterval());
    return total[0].plus(
        publish(takeAll(unpublished), EventCounter.Counted.NOTHING, true, List.of()));
  }

  /**
   * Takes in the full listing of a first sync; every job is new to it, so all of them go out with
   * the next update.
   */
  private void applyListing(
      JobSync.Changes allJobs, Inventory newInventory, List<JobRecord> unpublished) {
    inventory = newInventory;
    jobSync.applied(allJobs);
    jobs.replaceAll(allJobs.jobs());
    unpublished.addAll(allJobs.jobs());
  }

  /** Counts events a first sync read, with the jobs they name that the listing lacked. */
  private PollResult.Counts countHistory(List<Event> events, List<JobRecord> unpublished)
      throws BalsamException {
    List<JobRecord> missing = jobSync.byIds(unknownJobs(events, List.of()));
    missing.forEach(jobs::put);
    unpublished.addAll(missing);
    return publish(takeAll(unpublished), counter.count(events, List.of(), inventory));
  }

  /** Logs now and then how far a first sync got, so a long one is not mistaken for a hang. */
  private final class Progress {
    private long events;
    private Instant nextLog;

    Progress(Instant started) {
      nextLog = started.plus(PROGRESS_EVERY);
    }

    void pageRead(List<Event> page) {
      events += page.size();
      Instant now = clock.instant();
      if (!page.isEmpty() && !now.isBefore(nextLog)) {
        LOG.info(
            "{}",
            LogLine.msg("first sync in progress")
                .with("events_read", events)
                .with("reached", page.get(page.size() - 1).timestamp()));
        nextLog = now.plus(PROGRESS_EVERY);
      }
    }
  }

  private PollResult.Counts poll() throws BalsamException {
    Instant started = clock.instant();
    boolean checkDue = !started.isBefore(nextCheck);
    JobSync.Changes changes = jobSync.changesSince(jobs);
    EventSync.Read read =
        eventSync.poll(changes.touched(), checkDue ? checkUpTo(started) : null, ledger);
    List<Event> events = new ArrayList<>(read.changed());
    events.addAll(read.recovered());
    // The jobs of events that the count check recovered are read again too: such an event means
    // that a change of its job went unseen.
    Set<Long> wanted = unknownJobs(events, changes.jobs());
    Set<Long> listed = new HashSet<>();
    changes.jobs().forEach(job -> listed.add(job.id()));
    read.recovered().stream()
        .map(Event::jobId)
        .filter(id -> !listed.contains(id))
        .forEach(wanted::add);
    List<JobRecord> missing = jobSync.byIds(wanted);
    List<JobRecord> jobsRead = new ArrayList<>(changes.jobs());
    jobsRead.addAll(missing);
    // A count check reads the inventory whole too: what the changes cannot show shows then.
    Inventory newInventory =
        checkDue ? inventorySync.all() : inventorySync.changes(inventory, jobsRead);

    // Everything is read: from here on nothing can fail, and the state changes in one go.
    List<JobRecord> arriving = new ArrayList<>();
    missing.stream().filter(job -> !jobs.contains(job.id())).forEach(arriving::add);
    changes.jobs().stream()
        .filter(job -> changes.replaceAll() || !jobs.contains(job.id()))
        .forEach(arriving::add);
    inventory = newInventory;
    jobSync.applied(changes);
    if (changes.replaceAll()) {
      jobs.replaceAll(changes.jobs());
    } else {
      changes.jobs().forEach(jobs::put);
    }
    missing.forEach(jobs::put);
    EventCounter.Counted counted = counter.count(events, read.recovered(), inventory);
    read.relisted()
        .forEach(r -> ledger.replaceTallies(r.fromMinute(), r.toMinute(), r.perMinute()));
    if (checkDue) {
      nextCheck = started.plus(settings.checkInterval());
    }
    return publish(arriving, counted, true, read.relisted());
  }

  private PollResult.Counts publish(Collection<JobRecord> arriving, EventCounter.Counted counted) {
    return publish(arriving, counted, false, List.of());
  }

  private PollResult.Counts publish(
      Collection<JobRecord> arriving,
      EventCounter.Counted counted,
      boolean withState,
      List<Checkpoint.Relisted> relisted) {
    PollUpdate update =
        new PollUpdate(
            tagsInIdOrder(arriving),
            counted.events(),
            counted.runs(),
            counted.queueWaits(),
            counted.duplicates(),
            withState ? Optional.of(state()) : Optional.empty(),
            jobs.takeIndexed());
    sink.apply(update);
    recorder.record(update, checkpoint(relisted));
    return PollResult.Counts.of(update);
  }

  private Checkpoint checkpoint(List<Checkpoint.Relisted> relisted) {
    Optional<Inventory> changed =
        inventory.equals(recordedInventory) ? Optional.empty() : Optional.of(inventory);
    recordedInventory = inventory;
    return new Checkpoint(
        changed,
        relisted,
        Optional.ofNullable(historyReadUntil),
        jobSync.listedAt(),
        jobSync.newestListed(),
        jobSync.shortfallPolls(),
        synced);
  }

  private static List<JobRecord> takeAll(List<JobRecord> pending) {
    List<JobRecord> taken = List.copyOf(pending);
    pending.clear();
    return taken;
  }

  /** The distinct tag label values of {@code arriving}, ordered by the first job that has them. */
  private List<List<String>> tagsInIdOrder(Collection<JobRecord> arriving) {
    if (settings.tagKeys().isEmpty()) {
      return List.of();
    }
    Set<List<String>> distinct = new LinkedHashSet<>();
    arriving.stream()
        .sorted(Comparator.comparingLong(JobRecord::id))
        .forEach(job -> distinct.add(job.tagValues()));
    return List.copyOf(distinct);
  }

  /**
   * Where the count check of the history ends: a whole minute, so that it lines up with the
   * ledger's per-minute tallies, at least the late window before the poll, so that events still
   * being written when it counts do not make it disagree for nothing.
   */
  private Instant checkUpTo(Instant pollStart) {
    return EventLedger.floorToMinute(pollStart.minus(settings.lateWindow()));
  }

  private PollUpdate.ClusterState state() {
    return jobs.state(inventory, ledger.newest(), clock.instant());
  }

  /** Jobs named by events not yet counted that neither the index nor this poll's reads know. */
  private Set<Long> unknownJobs(Collection<Event> events, Collection<JobRecord> staged) {
    Set<Long> known = new HashSet<>();
    staged.forEach(job -> known.add(job.id()));
    Set<Long> unknown = new HashSet<>();
    for (Event event : events) {
      if (!jobs.contains(event.jobId())
          && !known.contains(event.jobId())
          && !ledger.isCounted(event.id())) {
        unknown.add(event.jobId());
      }
    }
    return unknown;
  }
}

package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.log.LogLine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at the first sync: reads the whole event history and lists every job. The sinks see
 * the history's pages one by one (each page whole), but nothing is exported before the sync ends,
 * and a page's events are marked counted as they are counted, so an attempt that fails part way is
 * resumed by the next one where it stopped, without counting anything twice. It lists the jobs on a
 * thread of its own while the history's first pages are requested, so the server works on both at
 * once. A new object for each attempt: what it gathers lives no longer than the attempt.
 */
final class FirstSync {
  private static final Logger LOG = LoggerFactory.getLogger(FirstSync.class);

  /** How often a long first sync says how far it got. */
  static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

  private final PollerState state;
  private final Updates updates;
  private final InventorySync inventorySync;
  private final JobSync jobSync;
  private final EventSync eventSync;
  private final IngestSettings settings;
  private final Clock clock;
  // Jobs created while the history is read: each update carries the ones its events name.
  private final List<JobRecord> unpublished = new ArrayList<>();
  private PollResult.Counts total = PollResult.Counts.NONE;
  // The full listing once applied; the pager hands at least one page, the last maybe empty.
  private JobSync.Changes listed;
  private long eventsRead;
  private Instant nextProgressLog;

  FirstSync(
      PollerState state,
      Updates updates,
      InventorySync inventorySync,
      JobSync jobSync,
      EventSync eventSync,
      IngestSettings settings,
      Clock clock) {
    this.state = state;
    this.updates = updates;
    this.inventorySync = inventorySync;
    this.jobSync = jobSync;
    this.eventSync = eventSync;
    this.settings = settings;
    this.clock = clock;
  }

  PollResult.Counts run() throws BalsamException {
    // A resumed sync re-reads the jobs, so a job that changed while it was down looks unchanged to
    // the next poll: its late events are found by a count check at that poll.
    boolean resumed = state.historyReadUntil != null;
    Inventory newInventory = inventorySync.all();
    nextProgressLog = clock.instant().plus(PROGRESS_EVERY);
    Optional<Instant> historyFrom;
    // The jobs are listed while the history is read, one request in flight for each. The first
    // page of events waits for the whole listing, since counting an event needs its job.
    try (BackgroundRead<JobSync.Changes> listing =
        BackgroundRead.start("balsam-job-listing", jobSync::all)) {
      historyFrom =
          eventSync.history(
              state.historyReadUntil,
              page -> {
                if (listed == null) {
                  applyListing(listing.await(), newInventory);
                }
                countHistory(page);
                if (!page.isEmpty()) {
                  state.historyReadUntil = page.get(page.size() - 1).timestamp();
                }
                logProgress(page);
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
          listed.jobs().stream()
              .filter(job -> !job.lastUpdate().isBefore(changedAfter))
              .map(JobRecord::id)
              .toList();
      countHistory(eventSync.ofJobs(changedMeanwhile));
    } else {
      // A server that does not tell its time: the count check of the first poll finds them.
      checkNow = true;
    }
    state.synced = true;
    state.nextCheck = checkNow ? clock.instant() : clock.instant().plus(settings.checkInterval());
    return total.plus(
        updates.publish(takeUnpublished(), EventCounter.Counted.NOTHING, true, List.of()));
  }

  /**
   * Takes in the full listing; every job is new to the sync, so all of them go out with the next
   * update.
   */
  private void applyListing(JobSync.Changes allJobs, Inventory newInventory) {
    listed = allJobs;
    state.inventory = newInventory;
    jobSync.applied(allJobs);
    state.jobs.replaceAll(allJobs.jobs());
    unpublished.addAll(allJobs.jobs());
  }

  /** Counts events the sync read, with the jobs they name that the listing lacked. */
  private void countHistory(List<Event> events) throws BalsamException {
    List<JobRecord> missing = jobSync.byIds(state.unknownJobs(events, List.of()));
    missing.forEach(state.jobs::put);
    unpublished.addAll(missing);
    total =
        total.plus(
            updates.publishPage(
                takeUnpublished(), state.counter.count(events, List.of(), state.inventory)));
  }

  private List<JobRecord> takeUnpublished() {
    List<JobRecord> taken = List.copyOf(unpublished);
    unpublished.clear();
    return taken;
  }

  /** Logs now and then how far the sync got, so a long one is not mistaken for a hang. */
  private void logProgress(List<Event> page) {
    eventsRead += page.size();
    Instant now = clock.instant();
    if (!page.isEmpty() && !now.isBefore(nextProgressLog)) {
      LOG.info(
          "{}",
          LogLine.msg("first sync in progress")
              .with("events_read", eventsRead)
              .with("reached", page.get(page.size() - 1).timestamp()));
      nextProgressLog = now.plus(PROGRESS_EVERY);
    }
  }
}

package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.JobStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Counts events exactly once: drops those the ledger already holds, attributes the rest to their
 * job's site and tags, and closes the run and queue-wait intervals they end.
 */
final class EventCounter {

  /** What counting a batch of events produced. */
  record Counted(
      List<PollUpdate.CountedEvent> events,
      List<PollUpdate.Interval> runs,
      List<PollUpdate.Interval> queueWaits,
      long duplicates) {
    static final Counted NOTHING = new Counted(List.of(), List.of(), List.of(), 0);
  }

  private static final Comparator<Event> TIME_ORDER =
      Comparator.comparing(Event::timestamp).thenComparingLong(Event::id);

  private final EventLedger ledger;
  private final JobIndex jobs;
  private final IntervalPairer runs = new IntervalPairer();
  private final IntervalPairer queueWaits = new IntervalPairer();

  EventCounter(EventLedger ledger, JobIndex jobs) {
    this.ledger = ledger;
    this.jobs = jobs;
  }

  /**
   * @param recovered events found by the count check: late by definition
   */
  Counted count(Collection<Event> events, Collection<Event> recovered, Inventory inventory) {
    Set<Long> recoveredIds = new HashSet<>();
    recovered.forEach(e -> recoveredIds.add(e.id()));
    // Read before any of these is recorded: an event is late against what came before the batch.
    Instant newestBefore = ledger.newest();
    List<Event> fresh = new ArrayList<>(events.size());
    long duplicates = 0;
    for (Event event : events) {
      // False for an id counted before, and for the second of an id the batch holds twice.
      if (ledger.record(event.id(), event.timestamp())) {
        fresh.add(event);
      } else {
        duplicates++;
      }
    }
    fresh.sort(TIME_ORDER);
    List<PollUpdate.CountedEvent> counted = new ArrayList<>(fresh.size());
    List<PollUpdate.Interval> closedRuns = new ArrayList<>();
    List<PollUpdate.Interval> closedWaits = new ArrayList<>();
    for (Event event : fresh) {
      JobRecord job = jobs.get(event.jobId());
      String site = job == null ? Inventory.UNKNOWN_SITE : inventory.siteOfApp(job.appId());
      List<String> tags = job == null ? List.of() : job.tagValues();
      boolean late =
          recoveredIds.contains(event.id())
              || (newestBefore != null && event.timestamp().isBefore(newestBefore));
      long appId = job == null ? 0 : job.appId();
      counted.add(new PollUpdate.CountedEvent(event, site, appId, tags, late));
      jobs.entered(event);
      closeIntervals(event, site, closedRuns, closedWaits);
    }
    return new Counted(counted, closedRuns, closedWaits, duplicates);
  }

  /**
   * Takes in events counted before a restart, in the order they were counted: marks them counted
   * and pairs their interval ends again, so that what follows pairs as it would have.
   */
  void replay(List<PollUpdate.CountedEvent> counted) {
    for (PollUpdate.CountedEvent c : counted) {
      ledger.record(c.event().id(), c.event().timestamp());
      jobs.entered(c.event());
      closeIntervals(c.event(), c.site(), new ArrayList<>(), new ArrayList<>());
    }
  }

  private void closeIntervals(
      Event event,
      String site,
      List<PollUpdate.Interval> closedRuns,
      List<PollUpdate.Interval> closedWaits) {
    long micros = BalsamTime.toMicros(event.timestamp());
    long job = event.jobId();
    if (JobStates.RUNNING.equals(event.fromState())) {
      add(runs.end(job, micros, event.toState()), site, closedRuns);
    }
    if (JobStates.RUNNING.equals(event.toState())) {
      add(queueWaits.end(job, micros, ""), site, closedWaits);
      add(runs.start(job, micros), site, closedRuns);
    }
    if (LifeCycle.RUNNABLE.contains(event.toState())) {
      add(queueWaits.start(job, micros), site, closedWaits);
    }
  }

  private static void add(
      Optional<IntervalPairer.Closed> closed, String site, List<PollUpdate.Interval> into) {
    closed.ifPresent(c -> into.add(new PollUpdate.Interval(site, c.outcome(), c.seconds())));
  }
}

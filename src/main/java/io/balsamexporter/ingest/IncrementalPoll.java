package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A poll after the first sync: reads what changed since the last one and, when due, checks the
 * count of the history. It first makes every request it needs, changing nothing; only when all
 * succeeded does it fold the answers into the state and hand them to the sinks, in one step that
 * makes no request and cannot fail half-way.
 */
final class IncrementalPoll {
  private final PollerState state;
  private final Updates updates;
  private final InventorySync inventorySync;
  private final JobSync jobSync;
  private final EventSync eventSync;
  private final IngestSettings settings;
  private final Clock clock;

  IncrementalPoll(
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
    Instant started = clock.instant();
    boolean checkDue = !started.isBefore(state.nextCheck);
    JobSync.Changes changes = jobSync.changesSince(state.jobs);
    EventSync.Read read =
        eventSync.poll(changes.touched(), checkDue ? checkUpTo(started) : null, state.ledger);
    List<Event> events = new ArrayList<>(read.changed());
    events.addAll(read.recovered());
    // The jobs of events that the count check recovered are read again too: such an event means
    // that a change of its job went unseen.
    Set<Long> wanted = state.unknownJobs(events, changes.jobs());
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
        checkDue ? inventorySync.all() : inventorySync.changes(state.inventory, jobsRead);

    // Everything is read: from here on nothing can fail, and the state changes in one go.
    List<JobRecord> arriving = new ArrayList<>();
    missing.stream().filter(job -> !state.jobs.contains(job.id())).forEach(arriving::add);
    changes.jobs().stream()
        .filter(job -> changes.replaceAll() || !state.jobs.contains(job.id()))
        .forEach(arriving::add);
    state.inventory = newInventory;
    jobSync.applied(changes);
    if (changes.replaceAll()) {
      state.jobs.replaceAll(changes.jobs());
    } else {
      changes.jobs().forEach(state.jobs::put);
    }
    missing.forEach(state.jobs::put);
    EventCounter.Counted counted = state.counter.count(events, read.recovered(), newInventory);
    read.relisted()
        .forEach(r -> state.ledger.replaceTallies(r.fromMinute(), r.toMinute(), r.perMinute()));
    if (checkDue) {
      state.nextCheck = started.plus(settings.checkInterval());
    }
    return updates.publish(arriving, counted, true, read.relisted());
  }

  /**
   * Where the count check of the history ends: a whole minute, so that it lines up with the
   * ledger's per-minute tallies, at least the late window before the poll, so that events still
   * being written when it counts do not make it disagree for nothing.
   */
  private Instant checkUpTo(Instant pollStart) {
    return EventLedger.floorToMinute(pollStart.minus(settings.lateWindow()));
  }
}

package io.balsamexporter.ingest;

import io.balsamexporter.balsam.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * What a {@link Poller} keeps between polls, shared by its phases (first sync, incremental poll,
 * restore). Only touched under the poller's lock, except {@link #synced}, which /-/ready reads
 * while a poll runs.
 */
final class PollerState {
  // When a state is taken, for the ages of the jobs in their states.
  private final Clock clock;
  final EventLedger ledger = new EventLedger();
  final JobIndex jobs = new JobIndex();
  final EventCounter counter = new EventCounter(ledger, jobs);
  Inventory inventory = Inventory.EMPTY;
  // Where a first sync that failed part way resumes: its pages before this time were counted, and
  // an event that lands before it meanwhile is found by the count check of the later polls.
  Instant historyReadUntil;
  // When the next poll checks the count of the history; null until the first sync ends.
  Instant nextCheck;
  // Read by /-/ready while a poll runs: a probe must not wait for the poll's lock.
  volatile boolean synced;

  PollerState(Clock clock) {
    this.clock = clock;
  }

  PollUpdate.ClusterState clusterState() {
    return jobs.state(inventory, ledger.newest(), clock.instant());
  }

  /** Jobs named by events not yet counted that neither the index nor this poll's reads know. */
  Set<Long> unknownJobs(Collection<Event> events, Collection<JobRecord> staged) {
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

package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a recorded event history instant by instant, through the same counting and interval
 * pairing as a live poll, and says what a poll at each instant would have delivered: the events
 * counted since the previous instant and the state of every job as of this one.
 *
 * <p>A job's state at an instant is the {@code to_state} of its last event at or before it; a job
 * with no event yet does not exist yet. Its site, tags and node weight are those the job listing
 * shows now, as the live exporter uses them. Events of jobs the listing no longer has (deleted
 * since) are counted, but their jobs are left out of the state: when they vanished is not recorded.
 */
public final class EventReplay {
  private final Inventory catalog;
  private final JobIndex listed = new JobIndex();
  private final JobIndex present = new JobIndex();
  private final EventCounter counter;
  private final EventLedger ledger = new EventLedger();
  private List<List<String>> unpublishedTags;

  /**
   * @param catalog the sites and apps that jobs are attributed through; its batch jobs are ignored,
   *     each step names those running then
   * @param jobs every job as listed now
   */
  public EventReplay(Inventory catalog, Collection<JobRecord> jobs) {
    this.catalog = catalog;
    jobs.forEach(listed::put);
    listed.takeIndexed(); // kept for the reports' journal, which a replay does not feed
    this.counter = new EventCounter(ledger, listed);
    this.unpublishedTags = tagsInIdOrder(jobs);
  }

  /**
   * Counts the events that happened after the previous step up to this one, moves their jobs to
   * their new states, and returns the update a poll at this instant would have delivered.
   *
   * @param events the events of this step, in any order
   * @param runningBatchJobs the batch jobs holding nodes at this instant
   */
  public PollUpdate step(Collection<Event> events, List<BatchJob> runningBatchJobs) {
    return step(events, runningBatchJobs, null);
  }

  /**
   * As {@link #step(Collection, List)}, with the ages of the jobs in their states as of {@code at}
   * (none when null).
   */
  public PollUpdate step(Collection<Event> events, List<BatchJob> runningBatchJobs, Instant at) {
    Inventory now = new Inventory(catalog.sites(), catalog.apps(), List.copyOf(runningBatchJobs));
    EventCounter.Counted counted = counter.count(events, List.of(), now);
    for (PollUpdate.CountedEvent c : counted.events()) {
      moveJob(c.event());
    }
    present.takeIndexed(); // as above: dropped, or it would hold a record per event
    // Like a first sync, the first update makes every job's tag values known, in job id order.
    List<List<String>> newTags = unpublishedTags;
    unpublishedTags = List.of();
    return new PollUpdate(
        newTags,
        counted.events(),
        counted.runs(),
        counted.queueWaits(),
        counted.duplicates(),
        Optional.of(present.state(now, ledger.newest(), at)));
  }

  private void moveJob(Event event) {
    JobRecord job = listed.get(event.jobId());
    if (job == null) {
      return;
    }
    present.entered(event);
    present.put(
        new JobRecord(
            job.id(),
            job.appId(),
            event.toState().intern(),
            job.nodeWeight(),
            job.tagValues(),
            job.lastUpdate(),
            job.batchJobId(),
            job.tags()));
  }

  private static List<List<String>> tagsInIdOrder(Collection<JobRecord> jobs) {
    Set<List<String>> distinct = new LinkedHashSet<>();
    jobs.stream()
        .sorted(Comparator.comparingLong(JobRecord::id))
        .map(JobRecord::tagValues)
        .filter(values -> !values.isEmpty())
        .forEach(distinct::add);
    return new ArrayList<>(distinct);
  }

  /** The newest event time replayed so far, or null before any. */
  public Instant newestEvent() {
    return ledger.newest();
  }
}

package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One poll of the Balsam API, and what is kept between polls. {@link #pollOnce()} is a plain
 * method: tests call it directly, {@link PollLoop} calls it on a schedule. Its phases live apart:
 * {@link FirstSync} until the whole history is read, then {@link IncrementalPoll}; {@link Restore}
 * before the first poll when a state file kept an earlier run's updates; and {@link Updates}, which
 * hands every update, with its checkpoint, to the sinks {@linkplain #subscribe subscribed}.
 */
public final class Poller {

  /** How often a long first sync says how far it got. */
  public static final Duration PROGRESS_EVERY = FirstSync.PROGRESS_EVERY;

  private final IngestSettings settings;
  private final Clock clock;
  private final PollerState state;
  private final InventorySync inventorySync;
  private final JobSync jobSync;
  private final EventSync eventSync;
  private final Updates updates;
  private final IncrementalPoll incremental;
  private final Restore restore;

  public Poller(BalsamApi api, IngestSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.state = new PollerState(clock);
    this.inventorySync = new InventorySync(api, settings.pageSize());
    this.jobSync =
        new JobSync(api, settings.pageSize(), settings.firstSyncPageSize(), settings.tagKeys());
    this.eventSync =
        new EventSync(api, settings.pageSize(), settings.firstSyncPageSize(), settings.since());
    this.updates = new Updates(state, jobSync, settings.tagKeys());
    this.incremental =
        new IncrementalPoll(state, updates, inventorySync, jobSync, eventSync, settings, clock);
    this.restore = new Restore(state, updates, jobSync, clock);
  }

  /**
   * From now on, hands every update to {@code sink} too, after the sinks subscribed before it.
   *
   * @return this poller, so that one can be built and subscribed in one expression
   */
  public synchronized Poller subscribe(IngestSink sink) {
    updates.subscribe(sink);
    return this;
  }

  /**
   * Takes back one update recorded before a restart, with its checkpoint, in the order recorded:
   * rebuilds the state it left and hands the update to the sinks again (without the cluster state,
   * which {@link #restoreDone} publishes once). Only before the first poll.
   */
  public synchronized void restore(PollUpdate update, Checkpoint checkpoint) {
    restore.update(update, checkpoint);
  }

  /**
   * Ends a restore: publishes the state it rebuilt, and has the next poll check the counts, so that
   * what changed while the exporter was down, deletions included, is found at once.
   */
  public synchronized void restoreDone() {
    restore.done();
  }

  /** True once the first sync has read the whole history: the exporter is ready. */
  public boolean synced() {
    return state.synced;
  }

  /** Polls once; a Balsam failure is returned, not thrown, and leaves the state as it was. */
  public synchronized PollResult pollOnce() {
    Instant started = clock.instant();
    try {
      PollResult.Counts counts =
          state.synced
              ? incremental.run()
              : new FirstSync(state, updates, inventorySync, jobSync, eventSync, settings, clock)
                  .run();
      return PollResult.success(counts, Duration.between(started, clock.instant()));
    } catch (BalsamException e) {
      return PollResult.failure(e, Duration.between(started, clock.instant()));
    }
  }
}

package io.balsamexporter.bench.store;

import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.storage.StateFile;
import io.balsamexporter.storage.StateFileCompaction;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The exporter's own state file, written as the exporter writes it (its compaction rule included)
 * and read back as a restart reads it: every frame decoded into the updates the poller restores.
 */
final class StateFileStore implements EventStore {
  private final Path dir;
  private final StateFile.Identity identity;
  private final Clock clock;
  private StateFile file;

  StateFileStore(Path dir, StateFile.Identity identity, Clock clock) throws Exception {
    this.dir = dir;
    this.identity = identity;
    this.clock = clock;
    this.file = StateFile.open(dir, identity, (update, checkpoint) -> {}, clock).file();
  }

  @Override
  public String name() {
    return "state file (ours)";
  }

  @Override
  public void write(PollUpdate update, Checkpoint checkpoint) {
    file.apply(update, checkpoint);
  }

  @Override
  public void compact() {
    StateFileCompaction.compactNow(file);
  }

  @Override
  public long bytes() throws Exception {
    return EventStore.bytesUnder(dir);
  }

  @Override
  public ReadBack restart() throws Exception {
    file.close();
    AtomicLong events = new AtomicLong();
    AtomicLong jobs = new AtomicLong();
    AtomicLong inventories = new AtomicLong();
    file =
        StateFile.open(
                dir,
                identity,
                (update, checkpoint) -> {
                  events.addAndGet(update.events().size());
                  jobs.addAndGet(update.indexedJobs().jobs().size());
                  checkpoint.inventory().ifPresent(i -> inventories.incrementAndGet());
                },
                clock)
            .file();
    return new ReadBack(events.get(), jobs.get(), inventories.get());
  }

  @Override
  public void close() throws Exception {
    file.close();
  }
}

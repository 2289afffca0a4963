package io.balsamexporter.bench.store;

import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * H2's MVStore: maps of events and jobs keyed by id (values {@link RowCodec} rows), of inventory
 * rows and of the dictionary; one commit per update, then {@code sync} so that it is on the disk as
 * the state file's update is.
 */
final class MvStoreStore implements EventStore {
  private final Path dir;
  private final Path file;
  private final InventoryRows inventory = new InventoryRows();
  private RowCodec codec = new RowCodec();
  private MVStore store;
  private MVMap<Long, byte[]> events;
  private MVMap<Long, byte[]> jobs;
  private MVMap<String, byte[]> items;
  private MVMap<Integer, String> strings;

  MvStoreStore(Path dir) {
    this.dir = dir;
    this.file = dir.resolve("state.mv");
    open();
  }

  private void open() {
    store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    events = store.openMap("events");
    jobs = store.openMap("jobs");
    items = store.openMap("inventory");
    strings = store.openMap("strings");
  }

  @Override
  public String name() {
    return "H2 MVStore " + org.h2.engine.Constants.VERSION;
  }

  @Override
  public void write(PollUpdate update, Checkpoint checkpoint) throws Exception {
    for (PollUpdate.CountedEvent c : update.events()) {
      events.putIfAbsent(c.event().id(), codec.event(c));
    }
    for (JobRecord j : update.indexedJobs().jobs()) {
      jobs.put(j.id(), codec.job(j));
    }
    int code = codec.firstDrained();
    for (String text : codec.drain()) {
      strings.put(code++, text);
    }
    InventoryRows.Change change = inventory.change(checkpoint);
    items.putAll(change.put());
    change.deleted().forEach(items::remove);
    store.commit();
    store.sync();
  }

  @Override
  public void compact() {
    // Rewrites the live chunks into a file of their own size, as closing with compaction does.
    store.close();
    MVStore.compact(file.toString(), false, null);
    open();
  }

  @Override
  public long bytes() throws Exception {
    return EventStore.bytesUnder(dir);
  }

  @Override
  public ReadBack restart() {
    store.close();
    open();
    codec = new RowCodec();
    for (Map.Entry<Integer, String> s : strings.entrySet()) {
      codec.learn(s.getKey(), s.getValue());
    }
    long read = 0;
    for (Map.Entry<Long, byte[]> e : events.entrySet()) {
      codec.event(e.getKey(), ByteBuffer.wrap(e.getValue()));
      read++;
    }
    long readJobs = 0;
    for (Map.Entry<Long, byte[]> j : jobs.entrySet()) {
      codec.job(j.getKey(), ByteBuffer.wrap(j.getValue()));
      readJobs++;
    }
    long readItems = List.copyOf(items.values()).size();
    return new ReadBack(read, readJobs, readItems);
  }

  @Override
  public void close() {
    store.close();
  }
}

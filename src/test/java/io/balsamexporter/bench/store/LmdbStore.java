package io.balsamexporter.bench.store;

import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lmdbjava.CopyFlags;
import org.lmdbjava.CursorIterable;
import org.lmdbjava.Dbi;
import org.lmdbjava.DbiFlags;
import org.lmdbjava.Env;
import org.lmdbjava.Meta;
import org.lmdbjava.Txn;

/**
 * LMDB through lmdbjava (its bundled native library): databases of events and jobs keyed by id
 * (big-endian, so that byte order is id order), of inventory rows and of the dictionary; one write
 * transaction per update, which LMDB flushes at commit.
 */
final class LmdbStore implements EventStore {
  // LMDB maps the whole file: the map's size bounds the store, and costs only address space.
  private static final long MAP_SIZE = 64L << 30;

  private final Path dir;
  private final InventoryRows inventory = new InventoryRows();
  private RowCodec codec = new RowCodec();
  private Env<ByteBuffer> env;
  private Dbi<ByteBuffer> events;
  private Dbi<ByteBuffer> jobs;
  private Dbi<ByteBuffer> items;
  private Dbi<ByteBuffer> strings;

  LmdbStore(Path dir) throws Exception {
    this.dir = Files.createDirectories(dir.resolve("lmdb"));
    open();
  }

  private void open() {
    env = Env.create().setMapSize(MAP_SIZE).setMaxDbs(4).open(dir.toFile());
    events = env.openDbi("events", DbiFlags.MDB_CREATE);
    jobs = env.openDbi("jobs", DbiFlags.MDB_CREATE);
    items = env.openDbi("inventory", DbiFlags.MDB_CREATE);
    strings = env.openDbi("strings", DbiFlags.MDB_CREATE);
  }

  @Override
  public String name() {
    Meta.Version v = Meta.version();
    return "LMDB " + v.major + "." + v.minor + "." + v.patch + " (lmdbjava 0.9.1)";
  }

  @Override
  public void write(PollUpdate update, Checkpoint checkpoint) throws Exception {
    try (Txn<ByteBuffer> txn = env.txnWrite()) {
      ByteBuffer key = ByteBuffer.allocateDirect(Long.BYTES);
      for (PollUpdate.CountedEvent c : update.events()) {
        events.put(txn, key.clear().putLong(c.event().id()).flip(), direct(codec.event(c)));
      }
      for (JobRecord j : update.indexedJobs().jobs()) {
        jobs.put(txn, key.clear().putLong(j.id()).flip(), direct(codec.job(j)));
      }
      ByteBuffer code = ByteBuffer.allocateDirect(Integer.BYTES);
      int next = codec.firstDrained();
      for (String text : codec.drain()) {
        strings.put(txn, code.clear().putInt(next++).flip(), direct(utf8(text)));
      }
      InventoryRows.Change change = inventory.change(checkpoint);
      for (Map.Entry<String, byte[]> row : change.put().entrySet()) {
        items.put(txn, direct(utf8(row.getKey())), direct(row.getValue()));
      }
      for (String gone : change.deleted()) {
        items.delete(txn, direct(utf8(gone)));
      }
      txn.commit();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static ByteBuffer direct(byte[] bytes) {
    return ByteBuffer.allocateDirect(Math.max(1, bytes.length)).put(bytes).flip();
  }

  /** LMDB reuses freed pages but never shrinks its file: a compacting copy is its only way. */
  @Override
  public void compact() throws Exception {
    Path copy = Files.createDirectories(dir.resolveSibling("lmdb-compacted"));
    env.copy(copy.toFile(), CopyFlags.MDB_CP_COMPACT);
    env.close();
    Files.move(
        copy.resolve("data.mdb"),
        dir.resolve("data.mdb"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.delete(copy);
    open();
  }

  @Override
  public long bytes() throws Exception {
    return EventStore.bytesUnder(dir);
  }

  @Override
  public ReadBack restart() {
    env.close();
    open();
    codec = new RowCodec();
    long read = 0;
    long readJobs = 0;
    long readItems = 0;
    try (Txn<ByteBuffer> txn = env.txnRead()) {
      try (CursorIterable<ByteBuffer> all = strings.iterate(txn)) {
        for (CursorIterable.KeyVal<ByteBuffer> kv : all) {
          byte[] text = new byte[kv.val().remaining()];
          kv.val().get(text);
          codec.learn(
              kv.key().order(ByteOrder.BIG_ENDIAN).getInt(),
              new String(text, StandardCharsets.UTF_8));
        }
      }
      try (CursorIterable<ByteBuffer> all = events.iterate(txn)) {
        for (CursorIterable.KeyVal<ByteBuffer> kv : all) {
          codec.event(
              kv.key().order(ByteOrder.BIG_ENDIAN).getLong(), kv.val().order(ByteOrder.BIG_ENDIAN));
          read++;
        }
      }
      try (CursorIterable<ByteBuffer> all = jobs.iterate(txn)) {
        for (CursorIterable.KeyVal<ByteBuffer> kv : all) {
          codec.job(
              kv.key().order(ByteOrder.BIG_ENDIAN).getLong(), kv.val().order(ByteOrder.BIG_ENDIAN));
          readJobs++;
        }
      }
      try (CursorIterable<ByteBuffer> all = items.iterate(txn)) {
        for (CursorIterable.KeyVal<ByteBuffer> kv : all) {
          readItems++;
        }
      }
    }
    return new ReadBack(read, readJobs, readItems);
  }

  @Override
  public void close() {
    env.close();
  }
}

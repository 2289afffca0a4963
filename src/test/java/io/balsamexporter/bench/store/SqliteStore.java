package io.balsamexporter.bench.store;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;

/**
 * SQLite through xerial's driver: a table of events keyed by id, one of jobs, one of inventory rows
 * and the string dictionary; WAL journal, {@code synchronous=FULL} (each commit fsynced, as the
 * state file flushes each update), one transaction per update.
 */
final class SqliteStore implements EventStore {
  private final Path dir;
  private final Path file;
  private final InventoryRows inventory = new InventoryRows();
  private RowCodec codec = new RowCodec();
  private Connection db;

  SqliteStore(Path dir) throws SQLException {
    this.dir = dir;
    this.file = dir.resolve("state.sqlite");
    db = open();
    try (Statement s = db.createStatement()) {
      s.execute("CREATE TABLE strings (code INTEGER PRIMARY KEY, text TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE events (id INTEGER PRIMARY KEY, job_id INTEGER, ts INTEGER, from_state"
              + " INTEGER, to_state INTEGER, site INTEGER, app_id INTEGER, tags INTEGER, late"
              + " INTEGER, nodes REAL, payload TEXT)");
      s.execute(
          "CREATE TABLE jobs (id INTEGER PRIMARY KEY, app_id INTEGER, state INTEGER, node_weight"
              + " REAL, tags INTEGER, last_update INTEGER, batch_job_id INTEGER, tag_map INTEGER)");
      s.execute("CREATE TABLE inventory (key TEXT PRIMARY KEY, json BLOB) WITHOUT ROWID");
    }
    db.commit();
  }

  private Connection open() throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA journal_mode=WAL");
      s.execute("PRAGMA synchronous=FULL");
    }
    c.setAutoCommit(false);
    return c;
  }

  @Override
  public String name() {
    return "SQLite " + org.sqlite.SQLiteJDBCLoader.getVersion() + " (WAL)";
  }

  @Override
  public void write(PollUpdate update, Checkpoint checkpoint) throws Exception {
    try (PreparedStatement events =
            db.prepareStatement(
                "INSERT OR IGNORE INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement jobs =
            db.prepareStatement("INSERT OR REPLACE INTO jobs VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (PollUpdate.CountedEvent c : update.events()) {
        Event e = c.event();
        events.setLong(1, e.id());
        events.setLong(2, e.jobId());
        events.setLong(3, RowCodec.micros(e.timestamp()));
        events.setInt(4, codec.code(e.fromState()));
        events.setInt(5, codec.code(e.toState()));
        events.setInt(6, codec.code(c.site()));
        events.setLong(7, c.appId());
        events.setInt(8, codec.tagsCode(c.tagValues()));
        events.setInt(9, c.late() ? 1 : 0);
        boolean nodes = RowCodec.hasNodes(e.data());
        if (nodes) {
          events.setDouble(10, (Double) e.data().get("num_nodes"));
        } else {
          events.setNull(10, Types.REAL);
        }
        if (!nodes && !e.data().isEmpty()) {
          events.setString(11, RowCodec.payload(e.data()));
        } else {
          events.setNull(11, Types.VARCHAR);
        }
        events.addBatch();
      }
      events.executeBatch();
      for (JobRecord j : update.indexedJobs().jobs()) {
        jobs.setLong(1, j.id());
        jobs.setLong(2, j.appId());
        jobs.setInt(3, codec.code(j.state()));
        jobs.setDouble(4, j.nodeWeight());
        jobs.setInt(5, codec.tagsCode(j.tagValues()));
        jobs.setLong(6, RowCodec.micros(j.lastUpdate()));
        jobs.setLong(7, j.batchJobId());
        jobs.setInt(8, codec.tagMapCode(j.tags()));
        jobs.addBatch();
      }
      jobs.executeBatch();
    }
    writeStrings();
    InventoryRows.Change change = inventory.change(checkpoint);
    try (PreparedStatement put =
            db.prepareStatement("INSERT OR REPLACE INTO inventory VALUES (?, ?)");
        PreparedStatement delete = db.prepareStatement("DELETE FROM inventory WHERE key = ?")) {
      for (Map.Entry<String, byte[]> row : change.put().entrySet()) {
        put.setString(1, row.getKey());
        put.setBytes(2, row.getValue());
        put.addBatch();
      }
      put.executeBatch();
      for (String key : change.deleted()) {
        delete.setString(1, key);
        delete.addBatch();
      }
      delete.executeBatch();
    }
    db.commit();
  }

  private void writeStrings() throws SQLException {
    int code = codec.firstDrained();
    List<String> added = codec.drain();
    if (added.isEmpty()) {
      return;
    }
    try (PreparedStatement strings = db.prepareStatement("INSERT INTO strings VALUES (?, ?)")) {
      for (String text : added) {
        strings.setInt(1, code++);
        strings.setString(2, text);
        strings.addBatch();
      }
      strings.executeBatch();
    }
  }

  @Override
  public void compact() throws Exception {
    db.setAutoCommit(true);
    try (Statement s = db.createStatement()) {
      s.execute("VACUUM");
      s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    db.setAutoCommit(false);
  }

  @Override
  public long bytes() throws Exception {
    return EventStore.bytesUnder(dir);
  }

  @Override
  public ReadBack restart() throws Exception {
    db.close();
    db = open();
    codec = new RowCodec();
    long events = 0;
    long jobs = 0;
    long items = 0;
    try (Statement s = db.createStatement()) {
      try (ResultSet rows = s.executeQuery("SELECT code, text FROM strings ORDER BY code")) {
        while (rows.next()) {
          codec.learn(rows.getInt(1), rows.getString(2));
        }
      }
      try (ResultSet rows = s.executeQuery("SELECT * FROM events ORDER BY id")) {
        while (rows.next()) {
          double nodes = rows.getDouble(10);
          boolean hasNodes = !rows.wasNull();
          String payload = rows.getString(11);
          Map<String, Object> data =
              hasNodes
                  ? Map.of("num_nodes", nodes)
                  : payload == null ? Map.of() : RowCodec.payloadOf(payload);
          Event e =
              new Event(
                  rows.getLong(1),
                  rows.getLong(2),
                  RowCodec.instant(rows.getLong(3)),
                  codec.text(rows.getInt(4)),
                  codec.text(rows.getInt(5)),
                  data);
          new PollUpdate.CountedEvent(
              e,
              codec.text(rows.getInt(6)),
              rows.getLong(7),
              codec.tags(rows.getInt(8)),
              rows.getInt(9) != 0);
          events++;
        }
      }
      try (ResultSet rows = s.executeQuery("SELECT * FROM jobs ORDER BY id")) {
        while (rows.next()) {
          new JobRecord(
              rows.getLong(1),
              rows.getLong(2),
              codec.text(rows.getInt(3)),
              rows.getDouble(4),
              codec.tags(rows.getInt(5)),
              RowCodec.instant(rows.getLong(6)),
              rows.getLong(7),
              codec.tagMap(rows.getInt(8)));
          jobs++;
        }
      }
      try (ResultSet rows = s.executeQuery("SELECT key, json FROM inventory ORDER BY key")) {
        while (rows.next()) {
          rows.getBytes(2);
          items++;
        }
      }
    }
    db.commit();
    return new ReadBack(events, jobs, items);
  }

  @Override
  public void close() throws SQLException {
    db.close();
  }
}

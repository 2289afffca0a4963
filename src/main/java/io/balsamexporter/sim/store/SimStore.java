package io.balsamexporter.sim.store;

import java.time.Clock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The simulated Balsam server's database: every table in memory behind one read-write lock, so a
 * listing sees one consistent snapshot, as a SQL query would. The server clock is injectable so
 * tests control {@code last_update}, server-stamped events and token expiry.
 */
public final class SimStore {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final SimData data = new SimData();
  private final Clock clock;

  public SimStore(Clock clock) {
    this.clock = clock;
  }

  public SimStore() {
    this(Clock.systemUTC());
  }

  public Clock clock() {
    return clock;
  }

  /** Runs {@code query} on a consistent snapshot; concurrent readers are allowed. */
  public <T> T read(Function<SimData, T> query) {
    lock.readLock().lock();
    try {
      return query.apply(data);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Runs {@code change} alone, as one transaction. */
  public <T> T write(Function<SimData, T> change) {
    lock.writeLock().lock();
    try {
      return change.apply(data);
    } finally {
      lock.writeLock().unlock();
    }
  }

  public void update(Consumer<SimData> change) {
    write(
        d -> {
          change.accept(d);
          return null;
        });
  }
}

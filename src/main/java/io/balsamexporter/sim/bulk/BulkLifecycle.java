package io.balsamexporter.sim.bulk;

import io.balsamexporter.sim.catalog.Catalog;
import io.balsamexporter.sim.catalog.Failures;
import io.balsamexporter.sim.store.EventData;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes one job's whole life into {@link EventColumns} at once, following the same state machine
 * as the played campaign: who stamps each event (the server or a site), when the server receives it
 * (site updates are batched, launchers stall now and then), and where it stops because the server
 * has not received more by now.
 */
final class BulkLifecycle {
  static final int CREATED = 0;
  static final int AWAITING_PARENTS = 1;
  static final int READY = 2;
  static final int STAGED_IN = 3;
  static final int PREPROCESSED = 4;
  static final int RUNNING = 5;
  static final int RUN_DONE = 6;
  static final int RUN_ERROR = 7;
  static final int RUN_TIMEOUT = 8;
  static final int RESTART_READY = 9;
  static final int POSTPROCESSED = 10;
  static final int JOB_FINISHED = 12;
  static final int FAILED = 13;

  static final long NEVER = Long.MAX_VALUE;
  private static final long SECOND = 1_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final int MAX_RUNS = 5;

  private final SplittableRandom random;
  private final EventColumns events;
  private final BulkAllocations allocations;
  private final long now;
  private final long stallSalt;

  /**
   * When each job's JOB_FINISHED reached the server, and whether a PATCH (not a transfer) did it.
   */
  final long[] finishedAt;

  final boolean[] finishedByPatch;

  // The job being played.
  private int job;
  private int state;
  private long lastArrival;
  private boolean cut;
  BulkAllocations.Allocation lastAllocation;

  BulkLifecycle(
      SplittableRandom random,
      EventColumns events,
      BulkAllocations allocations,
      int jobs,
      long now) {
    this.random = random;
    this.events = events;
    this.allocations = allocations;
    this.now = now;
    this.stallSalt = random.nextLong();
    this.finishedAt = new long[jobs];
    this.finishedByPatch = new boolean[jobs];
  }

  int state() {
    return state;
  }

  long lastArrival() {
    return lastArrival;
  }

  /** Plays job {@code index} of {@code site}, created by the server at {@code created}. */
  void play(
      int index,
      int site,
      Catalog.AppModel app,
      int numNodes,
      int packing,
      long created,
      int[] parents) {
    job = index;
    state = CREATED;
    lastArrival = created;
    cut = false;
    lastAllocation = null;
    finishedAt[index] = NEVER;
    boolean waits = false;
    for (int parent : parents) {
      waits |= finishedAt[parent] > created;
    }
    int initial = waits ? AWAITING_PARENTS : app.stageIn() ? READY : STAGED_IN;
    emit(created, created, initial, EventData.EMPTY);
    if (waits && !release(parents, app.stageIn())) {
      return;
    }
    if (state == READY && !emit(lastArrival + transfer(), 0, STAGED_IN, EventData.EMPTY)) {
      return;
    }
    long t = lastArrival + processing();
    if (random.nextDouble() < 0.01) {
      emit(t, processed(t), FAILED, Failures.preprocessFailure(app.name(), job));
      return;
    }
    if (emit(t, processed(t), PREPROCESSED, EventData.EMPTY)) {
      run(site, app, numNodes, packing);
    }
  }

  /** Released by the PATCH that finished the last parent; never if a transfer finished it. */
  private boolean release(int[] parents, boolean stageIn) {
    long last = -1;
    boolean byPatch = false;
    for (int parent : parents) {
      if (finishedAt[parent] == NEVER) {
        return false;
      }
      if (finishedAt[parent] > last) {
        last = finishedAt[parent];
        byPatch = finishedByPatch[parent];
      }
    }
    if (!byPatch) {
      return false;
    }
    return stageIn
        ? emit(last, last, READY, EventData.message(EventData.ALL_PARENTS_FINISHED))
        : emit(last, last, STAGED_IN, EventData.message(EventData.SKIPPED_STAGE_IN));
  }

  /**
   * Runs the job in launchers until its work is done: a run cut by the end of its launcher times
   * out and restarts (a checkpointed app resumes where it stopped, others start over).
   */
  private void run(int site, Catalog.AppModel app, int numNodes, int packing) {
    long[] startAt = new long[1];
    long work = work(app);
    int maxRuns = app.checkpointed() ? 4 * MAX_RUNS : MAX_RUNS;
    for (int runs = 0; runs < maxRuns; runs++) {
      BulkAllocations.Allocation a =
          allocations.firstCovering(site, lastArrival + between(SECOND / 5, 5 * SECOND), startAt);
      if (a == null) {
        return;
      }
      long start = startAt[0];
      if (!emit(start, launched(a, start), RUNNING, EventData.running(numNodes, packing))) {
        return;
      }
      lastAllocation = a;
      long end = start + work;
      if (end >= a.end) {
        if (app.checkpointed()) {
          work -= a.end - start;
        }
        boolean timedOut =
            a.crashed
                ? emit(a.end + 10 * MINUTE, 0, RUN_TIMEOUT, EventData.sessionExpired())
                : emit(a.end, launched(a, a.end), RUN_TIMEOUT, EventData.EMPTY);
        if (!timedOut || !restart()) {
          return;
        }
        continue;
      }
      if (random.nextDouble() < 0.02) {
        if (!runError(a, end)) {
          return;
        }
        if (runs < 3 && random.nextBoolean()) {
          if (!restart()) {
            return;
          }
          continue;
        }
        long t = lastArrival + processing();
        emit(t, processed(t), FAILED, EventData.EMPTY);
        return;
      }
      if (emit(end, launched(a, end), RUN_DONE, EventData.EMPTY)) {
        postprocess(app);
      }
      return;
    }
  }

  /** How long the job computes: minutes, or hours of checkpointed work. */
  static long work(Catalog.AppModel app, SplittableRandom random) {
    long base =
        app.checkpointed()
            ? random.nextLong(40 * MINUTE, 180 * MINUTE)
            : random.nextLong(MINUTE, 20 * MINUTE);
    return (long) (base * app.runTimeFactor());
  }

  /** The mean of {@link #work}, for sizing launchers. */
  static double meanWorkSeconds(Catalog.AppModel app) {
    return (app.checkpointed() ? 110 * 60 : 630) * app.runTimeFactor();
  }

  private long work(Catalog.AppModel app) {
    return work(app, random);
  }

  /** The launcher reports a non-zero exit; false once the server would not have it by now. */
  private boolean runError(BulkAllocations.Allocation a, long end) {
    // One draw, as many as before: a power-of-two bound never draws twice.
    int kind = random.nextInt(Failures.RUN_ERROR_KINDS);
    return emit(end, launched(a, end), RUN_ERROR, Failures.runError(kind, job));
  }

  private boolean restart() {
    long t = lastArrival + processing();
    return emit(t, processed(t), RESTART_READY, EventData.EMPTY);
  }

  private void postprocess(Catalog.AppModel app) {
    long t = lastArrival + processing();
    // One job in 256 has its postprocess hook raise; decided by a hash of the job, not by the
    // random stream, so that the rest of a seed's campaign stays what it was.
    if (((job * 0x9E3779B9) >>> 24) == 0) {
      emit(t, processed(t), FAILED, Failures.postprocessFailure(app.name(), job));
      return;
    }
    if (app.stageOut()) {
      if (emit(t, processed(t), POSTPROCESSED, EventData.EMPTY)
          && emit(lastArrival + transfer(), 0, JOB_FINISHED, EventData.EMPTY)) {
        finishedAt[job] = lastArrival;
      }
    } else if (emit(
        t, processed(t), JOB_FINISHED, EventData.message(EventData.SKIPPED_STAGE_OUT))) {
      finishedAt[job] = lastArrival;
      finishedByPatch[job] = true;
    }
  }

  /**
   * Records a transition stamped {@code stamp} that reached the server at {@code arrival} (0: at
   * the stamp, for server-stamped events). False once the server would not have it by now.
   */
  private boolean emit(long stamp, long arrival, int to, Map<String, Object> data) {
    if (cut) {
      return false;
    }
    if (arrival == 0) {
      stamp = Math.max(stamp, lastArrival);
    }
    long received = Math.max(arrival == 0 ? stamp : arrival, lastArrival);
    if (received > now) {
      cut = true;
      return false;
    }
    events.add(job, stamp, received, state, to, data);
    state = to;
    lastArrival = received;
    return true;
  }

  /** The site's processing service posts within a second. */
  private long processed(long stamp) {
    return stamp + random.nextLong(SECOND);
  }

  /** A launcher posts within two seconds, unless its StatusUpdater stalls for that minute. */
  private long launched(BulkAllocations.Allocation a, long stamp) {
    long minute = stamp / MINUTE;
    long hash = mix(stallSalt ^ (a.id * 0x9E3779B97F4A7C15L) ^ (minute * 0xC2B2AE3D27D4EB4FL));
    long base = Math.floorMod(hash, 1000) < 30 ? (minute + 1) * MINUTE : stamp;
    return base + random.nextLong(2 * SECOND);
  }

  private long processing() {
    return between(SECOND / 2, 20 * SECOND);
  }

  private long transfer() {
    return between(20 * SECOND, 5 * MINUTE);
  }

  private long between(long min, long max) {
    return random.nextLong(min, max);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}

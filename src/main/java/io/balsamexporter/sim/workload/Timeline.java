package io.balsamexporter.sim.workload;

import java.util.PriorityQueue;

/**
 * The campaign's agenda: actions at simulated instants (epoch microseconds), run in time order and,
 * at equal times, in the order they were scheduled, so a seeded run is reproducible.
 */
final class Timeline {
  /** A guard against an action that keeps rescheduling itself at the same instant. */
  static final int MAX_ACTIONS_PER_RUN = 5_000_000;

  private record Entry(long at, long seq, Runnable action) implements Comparable<Entry> {
    @Override
    public int compareTo(Entry other) {
      int byTime = Long.compare(at, other.at);
      return byTime != 0 ? byTime : Long.compare(seq, other.seq);
    }
  }

  private final PriorityQueue<Entry> agenda = new PriorityQueue<>();
  private long nextSeq;
  private long now;

  Timeline(long startMicros) {
    this.now = startMicros;
  }

  /** The instant of the action running now, or of the last one run. */
  long now() {
    return now;
  }

  void at(long atMicros, Runnable action) {
    agenda.add(new Entry(Math.max(atMicros, now), nextSeq++, action));
  }

  /** Runs every action due at or before {@code horizon}, including those they schedule. */
  void runUntil(long horizon) {
    int budget = MAX_ACTIONS_PER_RUN;
    while (!agenda.isEmpty() && agenda.peek().at() <= horizon) {
      if (budget-- == 0) {
        throw new IllegalStateException(
            "more than " + MAX_ACTIONS_PER_RUN + " actions in one step");
      }
      Entry next = agenda.poll();
      now = next.at();
      next.action().run();
    }
    now = Math.max(now, horizon);
  }

  int pending() {
    return agenda.size();
  }
}

package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Events read from Balsam for one report, held in columns in (timestamp, id) order: what the
 * command line feeds the reports, where the running exporter has its journal.
 */
public final class EventTable implements EventScan {
  private final long[] micros;
  private final int[] jobs;
  private final byte[] from;
  private final byte[] to;
  private final double[] nodes;
  private final int jobSlots;
  private final StateCodes states = new StateCodes();

  private EventTable(List<Event> ordered) {
    int n = ordered.size();
    micros = new long[n];
    jobs = new int[n];
    from = new byte[n];
    to = new byte[n];
    nodes = new double[n];
    Map<Long, Integer> slots = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Event event = ordered.get(i);
      micros[i] = BalsamTime.toMicros(event.timestamp());
      jobs[i] = slots.computeIfAbsent(event.jobId(), id -> slots.size());
      from[i] = (byte) states.code(event.fromState());
      to[i] = (byte) states.code(event.toState());
      nodes[i] = event.runningNodes();
    }
    jobSlots = slots.size();
  }

  /**
   * The events of {@code events} whose job passes {@code jobs} and whose time lies in [since,
   * until], each id once, in (timestamp, id) order.
   */
  public static EventTable of(
      Collection<Event> events,
      LongPredicate jobs,
      Optional<Instant> since,
      Optional<Instant> until) {
    Set<Long> seen = new HashSet<>();
    List<Event> kept = new ArrayList<>();
    for (Event event : events) {
      if (jobs.test(event.jobId())
          && (since.isEmpty() || !event.timestamp().isBefore(since.get()))
          && (until.isEmpty() || !event.timestamp().isAfter(until.get()))
          && seen.add(event.id())) {
        kept.add(event);
      }
    }
    kept.sort(Comparator.comparing(Event::timestamp).thenComparingLong(Event::id));
    return new EventTable(kept);
  }

  public int size() {
    return micros.length;
  }

  @Override
  public int jobSlots() {
    return jobSlots;
  }

  @Override
  public StateCodes states() {
    return states;
  }

  @Override
  public void forEach(Visitor visitor) {
    for (int i = 0; i < micros.length; i++) {
      visitor.visit(micros[i], jobs[i], from[i] & 0xff, to[i] & 0xff, nodes[i]);
    }
  }
}

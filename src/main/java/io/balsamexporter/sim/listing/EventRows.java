package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.sim.request.TimeRange;
import io.balsamexporter.sim.store.SimData;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The event rows one query has to look at: the requested ids found by binary search (the table is
 * in id order), or the tail of the table from where {@code timestamp_after} can first match, or
 * every row.
 */
final class EventRows {
  private final List<Event> rows;

  private EventRows(List<Event> rows) {
    this.rows = rows;
  }

  static EventRows of(
      SimData tables, EventTimeIndex timeIndex, TreeSet<Long> ids, TimeRange timestamp) {
    List<Event> events = tables.events;
    if (!ids.isEmpty()) {
      List<Event> found = new ArrayList<>();
      for (long id : ids) {
        int position = positionOf(events, id);
        if (position >= 0) {
          found.add(events.get(position));
        }
      }
      return new EventRows(found);
    }
    int start = timestamp.atOrAfter().map(t -> timeIndex.scanStart(events, t)).orElse(0);
    return new EventRows(events.subList(start, events.size()));
  }

  private static int positionOf(List<Event> events, long id) {
    int low = 0;
    int high = events.size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long midId = events.get(mid).id();
      if (midId < id) {
        low = mid + 1;
      } else if (midId > id) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  int size() {
    return rows.size();
  }

  void forEach(Consumer<Event> action) {
    rows.forEach(action);
  }
}

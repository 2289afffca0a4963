package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.Event;
import java.util.List;

/**
 * How much of the event table an index has taken in. The table normally only grows, so an index
 * adds the rows after its prefix; when rows were removed or replaced (job deletions remove events)
 * the prefix is no longer the table's, and the index starts over.
 */
final class IndexedPrefix {
  private int size;
  private Event last;

  /** Rows indexed so far. */
  int size() {
    return size;
  }

  /** False when {@code events} no longer begins with the rows indexed so far. */
  boolean stillPrefixOf(List<Event> events) {
    return events.size() >= size && (size == 0 || events.get(size - 1) == last);
  }

  /** Everything in {@code events} is now indexed. */
  void coverAll(List<Event> events) {
    size = events.size();
    last = size == 0 ? null : events.get(size - 1);
  }

  void reset() {
    size = 0;
    last = null;
  }
}

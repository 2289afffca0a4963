package io.balsamexporter.analytics;

import java.util.List;
import java.util.Optional;

/**
 * One page of {@code /api/v1/events}.
 *
 * @param count every event the filters match, whatever the page and cursor
 * @param next where the next page starts; empty when this page holds the last match
 * @param counted the number of the last event counted (in follow mode: of the last one this answer
 *     covers), to pass back as {@code counted_after} to follow what is counted next
 * @param dataUnknown under a {@code data} filter: events that pass every other filter but whose
 *     payload the exporter no longer holds, so it cannot say whether they match (not counted)
 */
public record EventPage(
    long count, List<EventRow> rows, Optional<EventCursor> next, long dataUnknown, long counted) {
  public EventPage {
    rows = List.copyOf(rows);
  }

  public EventPage withRows(List<EventRow> replaced) {
    return new EventPage(count, replaced, next, dataUnknown, counted);
  }

  /** Rows whose payload is {@link EventRow.Data#MISSING}. */
  public long missingPayloads() {
    return rows.stream().filter(r -> r.dataState() == EventRow.Data.MISSING).count();
  }
}

package io.balsamexporter.sim.request;

import java.time.Instant;
import java.util.Optional;

/**
 * A pair of {@code *_before}/{@code *_after} datetime filters. Both bounds are inclusive, and a
 * NULL column never matches a bound, as in SQL.
 */
public record TimeRange(Optional<Instant> atOrAfter, Optional<Instant> atOrBefore) {

  static final TimeRange ANY = new TimeRange(Optional.empty(), Optional.empty());

  /** Reads both parameters in the server's declaration order (before, then after). */
  public static TimeRange read(ParamReader reader, String beforeParam, String afterParam) {
    Optional<Instant> before = reader.datetime(beforeParam);
    Optional<Instant> after = reader.datetime(afterParam);
    return new TimeRange(after, before);
  }

  public static TimeRange onlyAfter(ParamReader reader, String afterParam) {
    return new TimeRange(reader.datetime(afterParam), Optional.empty());
  }

  public boolean contains(Instant value) {
    if (atOrAfter.isEmpty() && atOrBefore.isEmpty()) {
      return true;
    }
    return value != null
        && atOrAfter.map(bound -> !value.isBefore(bound)).orElse(true)
        && atOrBefore.map(bound -> !value.isAfter(bound)).orElse(true);
  }
}

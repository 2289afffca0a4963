package io.balsamexporter.balsam;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One page of a Balsam listing: {@code count} is the number of matches for the filters, independent
 * of limit and offset.
 *
 * @param serverTime a time the server's clock had surely reached when it took the request (see
 *     {@link BalsamResponse#serverTime()}); empty when the server sent no {@code Date}
 */
public record Page<T>(long count, List<T> results, Optional<Instant> serverTime) {
  public Page {
    results = List.copyOf(results);
  }

  public Page(long count, List<T> results) {
    this(count, results, Optional.empty());
  }
}

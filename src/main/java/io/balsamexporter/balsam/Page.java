package io.balsamexporter.balsam;

import java.util.List;

/**
 * One page of a Balsam listing: {@code count} is the number of matches for the filters, independent
 * of limit and offset.
 */
public record Page<T>(long count, List<T> results) {
  public Page {
    results = List.copyOf(results);
  }
}

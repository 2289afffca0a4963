package io.balsamexporter.sim.request;

import java.util.Optional;

/**
 * {@code limit} and {@code offset} of a listing. The limit has no lower bound on the server: 0
 * returns only the count, and a negative one is passed on to the database.
 */
public record Paging(long offset, long limit) {
  static final long MAX_PAGE_SIZE = 100_000;

  public static Paging read(ParamReader reader) {
    Optional<Long> limit = reader.integer("limit");
    reader.requireAtMost("limit", limit, MAX_PAGE_SIZE);
    Optional<Long> offset = reader.integer("offset");
    reader.requireAtLeast("offset", offset, 0);
    return new Paging(offset.orElse(0L), limit.orElse(MAX_PAGE_SIZE));
  }

  /** Index one past the last wanted match, saturating instead of overflowing. */
  public long end() {
    return limit <= 0
        ? offset
        : (offset > Long.MAX_VALUE - limit ? Long.MAX_VALUE : offset + limit);
  }
}

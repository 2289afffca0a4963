package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a listing in time order, page after page, without the skips that plain offset paging
 * suffers when rows are inserted or move while it pages.
 *
 * <p>Each page starts at the time of the previous page's last row (the API's bounds are inclusive)
 * and skips, by offset, only the rows of that same instant already read. Ties are ordered by id and
 * new rows get higher ids, so a row inserted at that instant lands after the skipped ones and is
 * still read. A row inserted earlier in time than the current page is the caller's business (the
 * polls of changed jobs and the count check exist for it).
 */
public final class KeysetPager<T> {

  /** One request for one page. */
  @FunctionalInterface
  public interface Fetch<T> {
    Page<T> fetch(Query query) throws BalsamException;
  }

  /** Takes each page's rows in order. */
  @FunctionalInterface
  public interface PageConsumer<T> {
    void accept(List<T> rows) throws BalsamException;
  }

  private final Fetch<T> fetch;
  private final String field;
  private final Function<T, Instant> timeOf;
  private final int pageSize;

  /**
   * @param field the API's time field: {@code timestamp} for events, {@code last_update} for jobs;
   *     it names the ordering and the {@code _after}/{@code _before} filters
   */
  public KeysetPager(Fetch<T> fetch, String field, Function<T, Instant> timeOf, int pageSize) {
    this.fetch = fetch;
    this.field = field;
    this.timeOf = timeOf;
    this.pageSize = pageSize;
  }

  /**
   * Reads every row of {@code base} with time in {@code [from, to]}; a null bound is open.
   *
   * @return the number of rows read
   */
  public long forEach(Query base, Instant from, Instant to, PageConsumer<T> consumer)
      throws BalsamException {
    Query query = base.replacing("ordering", field).replacing("limit", pageSize);
    if (to != null) {
      query = query.replacing(field + "_before", BalsamTime.format(to));
    }
    return walk(query, base, from, consumer, false);
  }

  /**
   * As {@link #forEach}, but the request for the next page is sent before the consumer takes the
   * current one, so the server works on it while the caller applies. The next request depends only
   * on the last rows of the current page, which are parsed by then. Pages reach the consumer in the
   * same order and the same shape as with {@code forEach}; at most one request is in flight at a
   * time from this walk, and a consumer that throws cancels the request in flight.
   */
  public long forEachPipelined(Query base, Instant from, Instant to, PageConsumer<T> consumer)
      throws BalsamException {
    Query query = base.replacing("ordering", field).replacing("limit", pageSize);
    if (to != null) {
      query = query.replacing(field + "_before", BalsamTime.format(to));
    }
    return walk(query, base, from, consumer, true);
  }

  private long walk(
      Query query, Query base, Instant from, PageConsumer<T> consumer, boolean pipelined)
      throws BalsamException {
    Instant bound = from;
    int skip = 0;
    long read = 0;
    long maxPages = Long.MAX_VALUE;
    PageFetcher<T> fetcher = pipelined ? PageFetcher.background(fetch) : PageFetcher.inline(fetch);
    try {
      fetcher.send(pageQuery(query, bound, skip));
      for (long pages = 0; ; pages++) {
        if (pages > maxPages) {
          throw new BalsamException(
              BalsamException.Kind.BAD_RESPONSE,
              200,
              "paging " + base + " did not end: the server seems to ignore offset or ordering");
        }
        Page<T> page = fetcher.receive();
        if (pages == 0) {
          // Rows inserted while paging can lengthen the walk, but not fourfold.
          maxPages = 4 * (page.count() / pageSize) + 100;
        }
        List<T> rows = page.results();
        boolean last = rows.size() < pageSize;
        if (!last) {
          Instant lastTime = timeOf.apply(rows.get(rows.size() - 1));
          int tiesAtEnd = 0;
          for (int i = rows.size() - 1; i >= 0 && timeOf.apply(rows.get(i)).equals(lastTime); i--) {
            tiesAtEnd++;
          }
          if (lastTime.equals(bound)) {
            skip += tiesAtEnd;
          } else {
            bound = lastTime;
            skip = tiesAtEnd;
          }
          fetcher.send(pageQuery(query, bound, skip));
        }
        consumer.accept(rows);
        read += rows.size();
        if (last) {
          return read;
        }
      }
    } finally {
      fetcher.close();
    }
  }

  private Query pageQuery(Query query, Instant bound, int skip) {
    Query pageQuery = bound == null ? query : query.with(field + "_after", bound);
    return skip == 0 ? pageQuery : pageQuery.with("offset", skip);
  }
}

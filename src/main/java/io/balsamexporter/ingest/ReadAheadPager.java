package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Reads a listing in time order as {@link KeysetPager} does, with the request for the page after
 * next already sent when a page arrives, so that two pages are served at once.
 *
 * <p>A keyset page can only be asked for once the last row of the page before is known. This pager
 * also asks, at the same time, for the page after it by offset from the same cursor, one row
 * earlier than it should start: that row must be the last row of the page before. When it is,
 * nothing moved between the two requests in the part that matters, and the rows after it are
 * exactly those a keyset request would have returned. When it is not (rows deleted or many inserted
 * meanwhile), the guess is dropped and the page asked for again by keyset. Either way each row
 * after the cursor is read once, in order; what it cannot see is what a keyset walk cannot see
 * either: a row inserted before the page being read.
 *
 * <p>The server visits its rows once per request, as for a keyset page: a guessed page costs it
 * what the page it stands for would, plus the one row it repeats.
 */
final class ReadAheadPager<T> {
  private static final String THREAD_NAME = "balsam-page-read-ahead";

  private final KeysetPager.Fetch<T> fetch;
  private final String field;
  private final Function<T, Instant> timeOf;
  private final ToLongFunction<T> idOf;
  private final int pageSize;

  /**
   * @param idOf a row's unique id, to recognise the row a guessed page must start with
   */
  ReadAheadPager(
      KeysetPager.Fetch<T> fetch,
      String field,
      Function<T, Instant> timeOf,
      ToLongFunction<T> idOf,
      int pageSize) {
    if (pageSize < 2) {
      throw new IllegalArgumentException("reading ahead needs pages of 2 rows at least");
    }
    this.fetch = fetch;
    this.field = field;
    this.timeOf = timeOf;
    this.idOf = idOf;
    this.pageSize = pageSize;
  }

  /** Where the next rows start: after {@code skip} rows at {@code bound} (null: the start). */
  private record Cursor(Instant bound, int skip) {}

  /** A request sent, its offset, and the row its answer must start with (null for an exact one). */
  private record Sent<T>(Future<Page<T>> answer, int offset, T mustStartWith) {}

  /**
   * Reads every row with time at or after {@code from} (null: all), handing the rows to the
   * consumer page by page, in order.
   *
   * @return the number of rows read
   */
  long forEach(Query base, Instant from, KeysetPager.PageConsumer<T> consumer)
      throws BalsamException {
    Query query = base.replacing("ordering", field).replacing("limit", pageSize);
    ExecutorService threads =
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, THREAD_NAME);
              thread.setDaemon(true);
              return thread;
            });
    Deque<Sent<T>> inFlight = new ArrayDeque<>();
    try {
      Cursor cursor = new Cursor(from, 0);
      // The first page alone: its count says whether there is a page after the next to guess.
      inFlight.add(send(threads, query, cursor, 0, null));
      long read = 0;
      long maxPages = Long.MAX_VALUE;
      for (long pages = 0; ; pages++) {
        if (pages > maxPages) {
          throw new BalsamException(
              BalsamException.Kind.BAD_RESPONSE,
              200,
              "paging " + base + " did not end: the server seems to ignore offset or ordering");
        }
        Sent<T> head = inFlight.removeFirst();
        Page<T> page = BackgroundRead.answer(head.answer());
        if (pages == 0) {
          maxPages = 4 * (page.count() / Math.max(1, pageSize - 1)) + 100;
        }
        List<T> rows = page.results();
        boolean last = rows.size() < pageSize;
        if (head.mustStartWith() != null) {
          int at = indexOf(rows, head.mustStartWith());
          if (at < 0 || (!last && at == rows.size() - 1)) {
            // Rows moved under the guess: ask again from the cursor, by keyset, and guess anew.
            cancelAll(inFlight);
            inFlight.add(send(threads, query, cursor, 0, null));
            inFlight.add(send(threads, query, cursor, pageSize - 1, anyFirstRow));
            continue;
          }
          rows = rows.subList(at + 1, rows.size());
        }
        if (!last) {
          cursor = after(cursor, rows);
          T lastRow = rows.get(rows.size() - 1);
          // The guess in flight stands for the page after this one: it must start with this
          // page's last row. A guess of the page after that goes out now, unless the server's count
          // says the one in flight reaches the end (rows inserted since are read by keyset then),
          // so that a short history costs the server no request past its end.
          long after = page.count() - head.offset() - page.results().size();
          if (inFlight.isEmpty()) {
            inFlight.add(send(threads, query, cursor, 0, null));
            if (after > pageSize) {
              inFlight.add(send(threads, query, cursor, pageSize - 1, anyFirstRow));
            }
          } else {
            fixFirstRow(inFlight, lastRow);
            if (after > pageSize - 1) {
              inFlight.add(send(threads, query, cursor, pageSize - 2, anyFirstRow));
            }
          }
        }
        consumer.accept(rows);
        read += rows.size();
        if (last) {
          return read;
        }
      }
    } finally {
      cancelAll(inFlight);
      // Waits for the pages still read ahead: one that outlived a failed listing would be counted
      // in balsam_exporter_api_requests_total during the next poll.
      BackgroundRead.stop(threads, THREAD_NAME);
    }
  }

  // Marks a guess whose first row is fixed once the page before it has arrived.
  @SuppressWarnings("unchecked")
  private final T anyFirstRow = (T) new Object();

  /**
   * The guess sent before its predecessor arrived must start with that page's last row; a guess
   * sent with a cursor one row further on (offset {@code pageSize - 2}) must start with the last
   * row of the page before it, which is known only when that page arrives.
   */
  private void fixFirstRow(Deque<Sent<T>> inFlight, T lastRow) {
    Sent<T> next = inFlight.removeFirst();
    inFlight.addFirst(new Sent<>(next.answer(), next.offset(), lastRow));
  }

  private Sent<T> send(
      ExecutorService threads, Query query, Cursor cursor, int offsetFromCursor, T startsWith) {
    Query pageQuery = cursor.bound() == null ? query : query.with(field + "_after", cursor.bound());
    int offset = cursor.skip() + offsetFromCursor;
    Query sent = offset == 0 ? pageQuery : pageQuery.with("offset", offset);
    return new Sent<>(threads.submit(() -> fetch.fetch(sent)), offset, startsWith);
  }

  /** The cursor just past {@code rows}, the rows read after {@code cursor}. */
  private Cursor after(Cursor cursor, List<T> rows) {
    Instant lastTime = timeOf.apply(rows.get(rows.size() - 1));
    int tiesAtEnd = 0;
    for (int i = rows.size() - 1; i >= 0 && timeOf.apply(rows.get(i)).equals(lastTime); i--) {
      tiesAtEnd++;
    }
    return lastTime.equals(cursor.bound())
        ? new Cursor(lastTime, cursor.skip() + tiesAtEnd)
        : new Cursor(lastTime, tiesAtEnd);
  }

  private int indexOf(List<T> rows, T row) {
    long id = idOf.applyAsLong(row);
    Instant time = timeOf.apply(row);
    for (int i = 0; i < rows.size(); i++) {
      if (idOf.applyAsLong(rows.get(i)) == id && timeOf.apply(rows.get(i)).equals(time)) {
        return i;
      }
    }
    return -1;
  }

  private static <T> void cancelAll(Deque<Sent<T>> inFlight) {
    for (Sent<T> sent : inFlight) {
      sent.answer().cancel(true);
    }
    inFlight.clear();
  }
}

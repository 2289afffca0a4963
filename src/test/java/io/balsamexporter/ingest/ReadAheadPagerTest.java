package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The pager that reads a page ahead by offset reads each row once and in order, as a keyset walk
 * does, also when rows move between its requests; against an in-memory listing that answers as the
 * server does (time order, ties by id, inclusive lower bound, then offset and limit).
 */
class ReadAheadPagerTest {
  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  private record Row(long id, Instant time) {}

  /** A listing whose rows a test may change after a given number of requests. */
  private static final class Listing {
    final List<Row> rows = new ArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    Consumer<List<Row>> afterRequest = rows -> {};
    int changeAfter = -1;

    synchronized Page<Row> fetch(Query query) {
      Map<String, String> params = new java.util.HashMap<>();
      query.params().forEach(e -> params.put(e.getKey(), e.getValue()));
      Instant after =
          params.containsKey("timestamp_after")
              ? BalsamTime.parse(params.get("timestamp_after"))
              : Instant.MIN;
      int offset = Integer.parseInt(params.getOrDefault("offset", "0"));
      int limit = Integer.parseInt(params.get("limit"));
      List<Row> matching =
          rows.stream()
              .filter(r -> !r.time().isBefore(after))
              .sorted(Comparator.comparing(Row::time).thenComparingLong(Row::id))
              .toList();
      List<Row> page =
          matching.subList(
              Math.min(offset, matching.size()), Math.min(offset + limit, matching.size()));
      Page<Row> answer = new Page<>(matching.size(), List.copyOf(page), Optional.empty());
      if (requests.incrementAndGet() == changeAfter) {
        afterRequest.accept(rows);
      }
      return answer;
    }
  }

  private static Listing listing(int rows, int sameTime) {
    Listing listing = new Listing();
    for (int i = 0; i < rows; i++) {
      listing.rows.add(new Row(i + 1, T0.plusSeconds(i / sameTime)));
    }
    return listing;
  }

  private static List<Long> readAll(Listing listing, int pageSize) throws Exception {
    List<Long> read = new ArrayList<>();
    new ReadAheadPager<Row>(listing::fetch, "timestamp", Row::time, Row::id, pageSize)
        .forEach(Query.of(), null, rows -> rows.forEach(r -> read.add(r.id())));
    return read;
  }

  private static List<Long> ids(Listing listing) {
    return listing.rows.stream()
        .sorted(Comparator.comparing(Row::time).thenComparingLong(Row::id))
        .map(Row::id)
        .toList();
  }

  @Test
  void aQuietListingIsReadWholeOnceAndInOrderWhateverThePageSizeAndTies() throws Exception {
    for (int sameTime : new int[] {1, 3, 25}) {
      for (int pageSize : new int[] {2, 3, 7, 10, 100, 1000}) {
        Listing listing = listing(500, sameTime);
        assertThat(readAll(listing, pageSize))
            .as("%d, %d", sameTime, pageSize)
            .isEqualTo(ids(listing));
      }
    }
  }

  @Test
  void rowsDeletedUnderAGuessMakeItMissAndThePageIsAskedForAgainByKeyset() throws Exception {
    Listing listing = listing(500, 1);
    // Once three requests are answered (rows 1 to 50, 51 to 100, and a guess of 100 to 149),
    // rows 100 to 102, read by then, vanish: the next guess, counted from row 100, starts three
    // rows late.
    listing.changeAfter = 3;
    listing.afterRequest = rows -> rows.removeIf(r -> r.id() >= 100 && r.id() <= 102);

    List<Long> read = readAll(listing, 50);

    assertThat(read).isEqualTo(LongStream.rangeClosed(1, 500).boxed().toList());
    // Two pages and nine guesses of 49 new rows make 11 requests; the miss costs the guess and a
    // keyset request more.
    assertThat(listing.requests.get()).isGreaterThan(11);
  }

  @Test
  void rowsInsertedUnderAGuessShiftItAndNothingIsReadTwiceOrSkipped() throws Exception {
    for (int inserted : new int[] {10, 80}) {
      Listing listing = listing(500, 1);
      listing.changeAfter = 3;
      listing.afterRequest =
          rows -> {
            for (int i = 0; i < inserted; i++) {
              rows.add(new Row(10_000 + i, T0.plusSeconds(120).plusMillis(500 + i)));
            }
          };

      List<Long> read = readAll(listing, 50);

      assertThat(read).doesNotHaveDuplicates();
      assertThat(read.stream().filter(id -> id <= 500).toList())
          .as("%d inserted", inserted)
          .isEqualTo(LongStream.rangeClosed(1, 500).boxed().toList());
    }
  }
}

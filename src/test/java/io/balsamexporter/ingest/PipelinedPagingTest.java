package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pipelined walk sends the next request early, but hands over exactly the same pages. */
class PipelinedPagingTest {

  /** Rows are their own times, in seconds; many ties so that the offset over ties is exercised. */
  private static final List<Instant> ROWS = rows();

  private static List<Instant> rows() {
    List<Instant> rows = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      rows.add(Instant.ofEpochSecond(i / 7));
    }
    return rows;
  }

  /**
   * Answers like the API: rows with time at or after {@code timestamp_after}, then offset, limit.
   */
  private static final class FakeListing implements KeysetPager.Fetch<Instant> {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger mostInFlight = new AtomicInteger();
    final List<String> queries = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public Page<Instant> fetch(Query query) {
      mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      try {
        queries.add(query.encode());
        Instant after = null;
        int offset = 0;
        int limit = Integer.MAX_VALUE;
        for (Map.Entry<String, String> p : query.params()) {
          switch (p.getKey()) {
            case "timestamp_after" -> after = BalsamTime.parse(p.getValue());
            case "offset" -> offset = Integer.parseInt(p.getValue());
            case "limit" -> limit = Integer.parseInt(p.getValue());
            default -> {}
          }
        }
        Instant from = after;
        List<Instant> matching =
            ROWS.stream().filter(t -> from == null || !t.isBefore(from)).toList();
        List<Instant> page =
            matching.subList(
                Math.min(offset, matching.size()),
                (int) Math.min((long) offset + limit, matching.size()));
        return new Page<>(matching.size(), List.copyOf(page));
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  @Test
  void pipelinedWalkHandsOverTheSamePagesAndSendsTheSameRequestsAsTheSequentialOne()
      throws BalsamException {
    FakeListing sequentialApi = new FakeListing();
    FakeListing pipelinedApi = new FakeListing();
    List<List<Instant>> sequential = new ArrayList<>();
    List<List<Instant>> pipelined = new ArrayList<>();

    new KeysetPager<>(sequentialApi, "timestamp", t -> t, 30)
        .forEach(Query.of(), null, null, sequential::add);
    new KeysetPager<>(pipelinedApi, "timestamp", t -> t, 30)
        .forEachPipelined(Query.of(), null, null, pipelined::add);

    assertThat(pipelined).isEqualTo(sequential);
    assertThat(pipelined.stream().flatMap(List::stream).toList()).isEqualTo(ROWS);
    assertThat(pipelinedApi.queries).isEqualTo(sequentialApi.queries);
    assertThat(pipelinedApi.mostInFlight.get()).isEqualTo(1);
  }

  @Test
  void aConsumerThatFailsStopsTheWalkAfterThePagesItTook() {
    FakeListing api = new FakeListing();
    List<List<Instant>> taken = new ArrayList<>();
    KeysetPager.PageConsumer<Instant> failsOnThird =
        rows -> {
          if (taken.size() == 2) {
            throw new BalsamException(BalsamException.Kind.BAD_RESPONSE, 200, "refused");
          }
          taken.add(rows);
        };

    assertThatThrownBy(
            () ->
                new KeysetPager<>(api, "timestamp", t -> t, 30)
                    .forEachPipelined(Query.of(), null, null, failsOnThird))
        .isInstanceOf(BalsamException.class)
        .hasMessageContaining("refused");
    assertThat(taken.stream().flatMap(List::stream).toList()).isEqualTo(ROWS.subList(0, 60));
    // The page after the failing one was requested ahead, never more.
    assertThat(api.queries).hasSizeLessThanOrEqualTo(4);
  }

  @Test
  void aFailedRequestReachesTheCallerAsTheBalsamErrorItWas() {
    KeysetPager.Fetch<Instant> failing =
        query -> {
          throw new BalsamException(BalsamException.Kind.SERVER_ERROR, 503, "unavailable");
        };
    assertThatThrownBy(
            () ->
                new KeysetPager<>(failing, "timestamp", t -> t, 30)
                    .forEachPipelined(Query.of(), null, null, rows -> {}))
        .isInstanceOf(BalsamException.class)
        .hasMessageContaining("unavailable");
  }
}

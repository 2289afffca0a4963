package io.balsamexporter.sim.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.Page;
import io.balsamexporter.sim.request.Paging;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PageCollectorTest {
  private static final List<Integer> SHUFFLED = List.of(7, 3, 9, 1, 8, 2, 6, 4, 5, 0);

  @Test
  void sortedPageIsTheWindowOfTheFullSortAndCountsEveryMatch() {
    for (int offset = 0; offset <= 11; offset++) {
      for (int limit = 0; limit <= 11; limit++) {
        Page<Integer> page = sorted(offset, limit);

        List<Integer> expected = IntStream.range(0, 10).skip(offset).limit(limit).boxed().toList();
        assertThat(page.count()).isEqualTo(10);
        assertThat(page.results()).as("offset %d limit %d", offset, limit).isEqualTo(expected);
      }
    }
  }

  @Test
  void arrivalOrderPageKeepsTheWindowAsItArrives() {
    PageCollector<Integer> collector = PageCollector.inArrivalOrder(new Paging(2, 3));
    SHUFFLED.forEach(collector::accept);

    assertThat(collector.page().results()).containsExactly(9, 1, 8);
    assertThat(collector.page().count()).isEqualTo(10);
  }

  @Test
  void negativeLimitKeepsNothingButCounts() {
    Page<Integer> page = sorted(0, -1);

    assertThat(page.results()).isEmpty();
    assertThat(page.count()).isEqualTo(10);
  }

  private static Page<Integer> sorted(long offset, long limit) {
    PageCollector<Integer> collector =
        PageCollector.sortedBy(Comparator.<Integer>naturalOrder(), new Paging(offset, limit));
    SHUFFLED.forEach(collector::accept);
    return collector.page();
  }
}

package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Long id lists go out as several requests, each within the count and the URL's length. */
class QuerySplitTest {

  @Test
  void runsHoldAtMostTheCountAskedAndKeepTheBaseAndTheOrder() {
    List<Long> ids = LongStream.rangeClosed(1, 450).boxed().toList();
    List<Query> queries = Query.of().with("limit", 0).split("id", ids, 200);
    assertThat(queries).hasSize(3);
    assertThat(queries.get(0).encode()).startsWith("limit=0&id=1&id=2&");
    assertThat(queries.get(2).params()).hasSize(1 + 50);
    assertThat(
            queries.stream()
                .flatMap(q -> q.params().stream())
                .filter(p -> p.getKey().equals("id"))
                .map(p -> Long.parseLong(p.getValue())))
        .containsExactlyElementsOf(ids);
  }

  @Test
  void aThousandLongIdsAreSplitToKeepTheQueryUnderTheLimit() {
    List<Long> ids = LongStream.range(0, 1000).map(i -> 10_000_000_000L + i).boxed().toList();
    List<Query> queries = Query.of().split("job_id", ids, 1000);
    assertThat(queries).hasSizeGreaterThan(1);
    assertThat(queries)
        .allSatisfy(q -> assertThat(q.encode().length()).isLessThanOrEqualTo(Query.MAX_LIST_CHARS));
    assertThat(queries.stream().mapToInt(q -> q.params().size()).sum()).isEqualTo(1000);
  }

  @Test
  void noValuesMakeNoQuery() {
    assertThat(Query.of().split("id", List.of(), 200)).isEmpty();
  }
}

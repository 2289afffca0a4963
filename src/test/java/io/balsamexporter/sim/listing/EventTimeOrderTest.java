package io.balsamexporter.sim.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.sim.bulk.BulkBuilder;
import io.balsamexporter.sim.bulk.BulkStats;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Listings on time alone are answered from the sorted order instead of a pass over the table; they
 * must give exactly what the definition gives: the events in the bounds, by (timestamp, id), the
 * requested slice, and the count of all of them. Checked against that definition, computed here
 * from the store, for random bounds and pages over a generated campaign full of late events.
 */
class EventTimeOrderTest {
  @AutoClose private final SimHarness balsam = SimHarness.empty();
  private final Random random = new Random(20261126);

  private record Answer(long count, List<Long> ids) {}

  private Answer listed(String query) {
    JsonNode page = Http.json(balsam.http.get("/events/?" + query, balsam.login()));
    return new Answer(page.get("count").asLong(), JobFilterTest.ids(page));
  }

  private Answer defined(Instant after, Instant before, int offset, int limit) {
    List<Event> matching =
        balsam.store.read(
            tables ->
                tables.events.stream()
                    .filter(e -> after == null || !e.timestamp().isBefore(after))
                    .filter(e -> before == null || !e.timestamp().isAfter(before))
                    .sorted(EventFilterTest.OLDEST_FIRST)
                    .toList());
    List<Long> ids = matching.stream().skip(offset).limit(limit).map(Event::id).toList();
    return new Answer(matching.size(), ids);
  }

  private void checkRandomQueries(int queries) {
    List<Instant> times =
        balsam.store.read(tables -> tables.events.stream().map(Event::timestamp).toList());
    for (int q = 0; q < queries; q++) {
      // Bounds on existing timestamps hit the inclusive edges; some are left open.
      Instant after = random.nextInt(4) == 0 ? null : times.get(random.nextInt(times.size()));
      Instant before = random.nextInt(4) == 0 ? null : times.get(random.nextInt(times.size()));
      int offset = random.nextInt(3) == 0 ? 0 : random.nextInt(times.size());
      int limit = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(500);
      StringBuilder query = new StringBuilder("ordering=timestamp");
      query.append("&limit=").append(limit).append("&offset=").append(offset);
      if (after != null) {
        query.append("&timestamp_after=").append(BalsamTime.format(after));
      }
      if (before != null) {
        query.append("&timestamp_before=").append(BalsamTime.format(before));
      }
      assertThat(listed(query.toString()))
          .as(query.toString())
          .isEqualTo(defined(after, before, offset, limit));
    }
  }

  @Test
  void listingsOnTimeAloneGiveWhatTheDefinitionGives() {
    BulkStats built = new BulkBuilder(balsam.store, balsam.userId, 1_000, 5).build();
    assertThat(built.lateEvents()).isPositive();

    checkRandomQueries(150);
  }

  @Test
  void eventsAddedOrDeletedAfterAListingAreInTheNextOne() {
    new BulkBuilder(balsam.store, balsam.userId, 300, 6).build();
    checkRandomQueries(20);

    // A late event lands in the middle of the history; then jobs are deleted with their events.
    long job = balsam.store.read(tables -> tables.jobs.keySet().iterator().next());
    Instant early = balsam.store.read(tables -> tables.events.get(10).timestamp());
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(JobUpdate.state(job, "RUN_ERROR", early, Map.of("returncode", 1))));
    checkRandomQueries(20);

    balsam.writes.deleteJobs(List.of(job));
    checkRandomQueries(20);
  }
}

package io.balsamexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.sim.bulk.BulkBuilder;
import io.balsamexporter.sim.cost.ServerCost;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.testing.EventsBed;
import io.balsamexporter.testing.SimHarness;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code /api/v1/events} costs Balsam, in the simulator's model of the real server: a page
 * asks only for the payloads it lacks, by {@code job_id} (an index), at most one request per 1,000
 * of its jobs, and never visits all events; with Balsam down it costs nothing and still answers.
 */
class EventCostTest {
  private static EventsBed bed;
  private static long allEvents;

  @BeforeAll
  static void start() {
    bed =
        new EventsBed(
            SimHarness.prepared((store, user) -> new BulkBuilder(store, user, 5_000, 11).build()),
            0);
    assertThat(bed.poll().failure()).isEmpty();
    // 2,500 jobs fail with a ten-line error tail: payloads no journal shares, and none is kept
    // (payloads kept: 0), so the newest pages must fetch them.
    List<Long> failing = bed.balsam.store.read(d -> d.jobs.keySet().stream().limit(2_500).toList());
    Instant now = bed.balsam.clock.instant();
    List<JobUpdate> errors = new ArrayList<>();
    for (long job : failing) {
      errors.add(
          JobUpdate.state(
              job, "RUN_ERROR", now, Map.of("returncode", 1, "error", EventsBed.errorTail(job))));
    }
    bed.balsam.writes.updateJobs(errors);
    assertThat(bed.poll().failure()).isEmpty();
    allEvents = bed.json("/api/v1/events?limit=0").get("count").asLong();
    assertThat(allEvents).isGreaterThan(20_000);
  }

  @AfterAll
  static void stop() {
    bed.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "limit=1000",
        "limit=1000&ordering=timestamp",
        "limit=10000",
        "limit=1000&to_state=RUN_DONE",
        "limit=1000&from_state=RESTART_READY&to_state=RUNNING",
        "limit=1000&to_state=RUN_ERROR"
      })
  void aPageCostsAtMostOneIndexedRequestPerThousandOfItsJobs(String query) {
    bed.balsam.simulator.resetServerCost();
    JsonNode page = bed.json("/api/v1/events?" + query);
    ServerCost cost = bed.balsam.simulator.serverCost();
    Set<Long> jobs = new HashSet<>();
    long eventsOfTheseJobs = 0;
    for (JsonNode row : page.get("results")) {
      jobs.add(row.get("job_id").asLong());
      assertThat(row.has("data_state")).as("payload of %s", row.get("id")).isFalse();
    }
    eventsOfTheseJobs =
        bed.balsam.store.read(d -> d.events.stream().filter(e -> jobs.contains(e.jobId())).count());
    assertThat(cost.requests()).isLessThanOrEqualTo((jobs.size() + 999) / 1000);
    if (query.contains("RUN_ERROR") || query.equals("limit=10000")) {
      assertThat(cost.requests()).as("the error tails were fetched").isPositive();
    }
    assertThat(cost.rowsVisited()).isLessThanOrEqualTo(eventsOfTheseJobs).isLessThan(allEvents);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"limit=1000", "limit=1000&tags=experiment:md-lipid"})
  void withBalsamDownAPageCostsNothingAndStillAnswers(String query) {
    bed.balsam.simulator.faults().down();
    try {
      assertThat(bed.poll().failure()).isPresent();
      bed.balsam.simulator.resetServerCost();
      JsonNode page = bed.json("/api/v1/events?" + query);
      assertThat(bed.balsam.simulator.serverCost()).isEqualTo(ServerCost.NONE);
      assertThat(page.get("results").size()).isPositive();
    } finally {
      bed.balsam.simulator.faults().up();
      assertThat(bed.poll().failure()).isEmpty();
    }
  }
}

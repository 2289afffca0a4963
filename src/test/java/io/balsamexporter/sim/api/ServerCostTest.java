package io.balsamexporter.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.sim.cost.ServerCost;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The simulator's model of what each request would cost the real server (balsam-api.md §11). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerCostTest {
  @AutoClose private final SimHarness dev = SimHarness.withDevFixtures();
  private final String token = dev.login();
  private final long allEvents = count("/events/?limit=0");
  private final long allJobs = count("/jobs/?limit=0");

  @BeforeEach
  void startFromZero() {
    dev.simulator.resetServerCost();
  }

  @Test
  void anEventCountVisitsEveryEventOfTheUserAndSerialisesNone() {
    HttpResponse<String> response = dev.http.get("/events/?limit=0", token);

    assertThat(dev.simulator.serverCost())
        .isEqualTo(new ServerCost(1, allEvents, 0, bytes(response), 0, allEvents));
    assertThat(allEvents).isGreaterThan(800);
  }

  @Test
  void anEmptyTimeWindowStillVisitsEveryEvent() {
    dev.http.get("/events/?ordering=timestamp&timestamp_after=2030-01-01T00:00:00", token);

    assertThat(dev.simulator.serverCost().rowsVisited()).isEqualTo(allEvents);
    assertThat(dev.simulator.serverCost().rowsSerialised()).isZero();
  }

  @Test
  void aPageOfEventsSerialisesItsRowsAndSendsItsBody() {
    HttpResponse<String> response = dev.http.get("/events/?ordering=timestamp&limit=100", token);

    ServerCost cost = dev.simulator.serverCost();
    assertThat(cost.rowsVisited()).isEqualTo(allEvents);
    assertThat(cost.rowsSerialised()).isEqualTo(100);
    assertThat(cost.bytesSent()).isEqualTo(bytes(response));
  }

  @Test
  void eventsByJobIdVisitOnlyTheEventsOfThoseJobs() {
    JsonNode page = Http.json(dev.http.get("/events/?job_id=76&job_id=1", token));

    long matched = page.get("count").asLong();
    assertThat(matched).isPositive().isLessThan(allEvents);
    assertThat(dev.simulator.serverCost().rowsVisited()).isEqualTo(matched);
  }

  @Test
  void aJobListingIsACountAndASelectThatEachVisitEveryJobOfTheUser() {
    JsonNode page =
        Http.json(dev.http.get("/jobs/?last_update_after=2026-11-26T09:12:00&limit=5", token));

    assertThat(page.get("count").asLong()).isLessThan(allJobs);
    assertThat(dev.simulator.serverCost().rowsVisited()).isEqualTo(2 * allJobs);
    assertThat(dev.simulator.serverCost().jobsVisited()).isEqualTo(2 * allJobs);
    assertThat(dev.simulator.serverCost().rowsSerialised()).isEqualTo(page.get("results").size());
  }

  @Test
  void aJobCountVisitsEveryJobOnceWhateverItsFilter() {
    dev.http.get("/jobs/?limit=0", token);
    dev.http.get("/jobs/?last_update_after=2030-01-01T00:00:00&limit=0", token);
    dev.http.get("/jobs/?state=RUNNING&state=RUN_DONE&limit=0", token);

    assertThat(dev.simulator.serverCost().jobsVisited()).isEqualTo(3 * allJobs);
    assertThat(dev.simulator.serverCost().eventsVisited()).isZero();
  }

  @Test
  void aStateFilterIsNoCheaperThanNone() {
    dev.http.get("/jobs/?state=RUNNING&limit=10", token);

    assertThat(dev.simulator.serverCost().jobsVisited()).isEqualTo(2 * allJobs);
  }

  @Test
  void jobsByIdAreIndexLookupsOfTheJobsFoundForTheCountAndForTheSelect() {
    dev.http.get("/jobs/?id=76&id=1&id=99999", token);
    assertThat(dev.simulator.serverCost().jobsVisited()).isEqualTo(2 * 2);

    dev.simulator.resetServerCost();
    dev.http.get("/jobs/?id=76&id=1&id=99999&limit=0", token);
    assertThat(dev.simulator.serverCost().jobsVisited()).isEqualTo(2);
  }

  @Test
  void costsAddUpAcrossRequestsAndResetToZero() {
    dev.http.get("/events/?limit=0", token);
    ServerCost first = dev.simulator.serverCost();
    dev.http.get("/jobs/?limit=0", token);

    ServerCost both = dev.simulator.serverCost();
    assertThat(both.requests()).isEqualTo(2);
    assertThat(both.minus(first).rowsVisited()).isEqualTo(allJobs);

    dev.simulator.resetServerCost();
    assertThat(dev.simulator.serverCost()).isEqualTo(ServerCost.NONE);
  }

  @Test
  void aThousandJobIdsInOneUrlAreServedAsByTheRealServer() {
    String ids =
        LongStream.range(1_000_000, 1_001_000)
            .mapToObj(id -> "job_id=" + id)
            .collect(Collectors.joining("&"));
    String url = "/events/?" + ids + "&job_id=76";
    assertThat(url.length()).isGreaterThan(15_000);

    HttpResponse<String> response = dev.http.get(url, token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Http.json(response).get("count").asLong())
        .isEqualTo(count("/events/?job_id=76&limit=0"));
  }

  private long count(String pathAndQuery) {
    return Http.json(dev.http.get(pathAndQuery, token)).get("count").asLong();
  }

  private static long bytes(HttpResponse<String> response) {
    return response.body().getBytes(StandardCharsets.UTF_8).length;
  }
}

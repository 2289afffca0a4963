package io.balsamexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.testing.EventQueries;
import io.balsamexporter.testing.EventsBed;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import io.balsamexporter.testing.StoreEvents;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The monitoring guide's EventLog queries asked of {@code /api/v1/events} over HTTP, paged, while
 * late and out-of-order events reach Balsam between the pages; the expected answers are worked out
 * from the simulator's own tables.
 */
class EventApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private EventsBed bed;

  @BeforeEach
  void start() {
    // One distinct payload held: the others (error tails) a page shows are fetched from Balsam.
    bed = new EventsBed(SimHarness.withDevFixtures(), 1);
    // Two restarts and errors already late before the first page, so every guide query has
    // several matches to page through.
    bed.lateRestart(51, Instant.parse("2026-11-26T09:09:00Z"));
    bed.lateRestart(120, Instant.parse("2026-11-26T09:10:30Z"));
    assertThat(bed.poll().failure()).isEmpty();
  }

  @AfterEach
  void stop() {
    bed.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "tags=experiment:md-lipid",
        "job_id=51&job_id=52&job_id=53",
        "batch_job_id=1",
        "scheduler_id=6112789",
        "from_state=RESTART_READY&to_state=RUNNING",
        "timestamp_after=2026-11-25T09:25:28.850018",
        "to_state=RUN_ERROR",
        "tags=experiment:md-lipid&ordering=timestamp",
        "site=polaris-md&to_state=JOB_FINISHED"
      })
  void eachGuideQueryPagesThroughEveryMatchOnceWhileLateEventsArrive(String query) {
    Map<String, List<String>> params = params(query);
    List<StoreEvents.Expected> before = StoreEvents.matching(bed.balsam.store, params);
    assertThat(before).hasSizeGreaterThanOrEqualTo(3);
    int limit = Math.max(1, before.size() / 4);
    boolean oldestFirst = query.contains("ordering=timestamp");
    Comparator<Event> order = oldestFirst ? StoreEvents.OLDEST_FIRST : StoreEvents.NEWEST_FIRST;
    Set<Long> knownIds = new HashSet<>();
    before.forEach(e -> knownIds.add(e.event().id()));
    List<Event> expected = new ArrayList<>();
    before.forEach(e -> expected.add(e.event()));

    List<JsonNode> seen = new ArrayList<>();
    String after = null;
    int pages = 0;
    long lastCount = -1;
    do {
      JsonNode page =
          bed.json(
              "/api/v1/events?"
                  + query
                  + "&limit="
                  + limit
                  + (after == null
                      ? ""
                      : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8)));
      page.get("results").forEach(seen::add);
      lastCount = page.get("count").asLong();
      after = page.get("next").isNull() ? null : page.get("next").asText();
      if (after != null && pages < 2) {
        // Late events for a job of this query, stamped around the last row: some sort after the
        // cursor (they must come), one before it (it must not, and nothing may repeat).
        JsonNode last = seen.get(seen.size() - 1);
        Event cursor =
            new Event(
                last.get("id").asLong(),
                last.get("job_id").asLong(),
                Instant.parse(last.get("timestamp").asText()),
                "X",
                "Y",
                Map.of());
        bed.lateRestart(last.get("job_id").asLong(), cursor.timestamp());
        assertThat(bed.poll().failure()).isEmpty();
        for (StoreEvents.Expected now : StoreEvents.matching(bed.balsam.store, params)) {
          if (knownIds.add(now.event().id()) && order.compare(now.event(), cursor) > 0) {
            expected.add(now.event());
          }
        }
      }
      pages++;
    } while (after != null && pages < 1000);

    expected.sort(order);
    assertThat(seen.stream().map(r -> r.get("id").asLong()).toList())
        .as("every match once, in order, late ones after the cursor included")
        .containsExactlyElementsOf(expected.stream().map(Event::id).toList());
    assertThat(lastCount).isEqualTo(StoreEvents.matching(bed.balsam.store, params).size());
    assertThat(pages).isGreaterThan(1);
    assertRowsEqualTheStore(seen, params);
  }

  /** Each row's fields, payload and job attribution are the store's. */
  private void assertRowsEqualTheStore(List<JsonNode> rows, Map<String, List<String>> params) {
    Map<Long, StoreEvents.Expected> byId = new LinkedHashMap<>();
    StoreEvents.matching(bed.balsam.store, Map.of()).forEach(e -> byId.put(e.event().id(), e));
    for (JsonNode row : rows) {
      StoreEvents.Expected want = byId.get(row.get("id").asLong());
      assertThat(want).as("event %s exists", row.get("id")).isNotNull();
      assertThat(row.get("job_id").asLong()).isEqualTo(want.event().jobId());
      assertThat(Instant.parse(row.get("timestamp").asText())).isEqualTo(want.event().timestamp());
      assertThat(row.get("from_state").asText()).isEqualTo(want.event().fromState());
      assertThat(row.get("to_state").asText()).isEqualTo(want.event().toState());
      assertThat(row.get("data")).isEqualTo(JSON.valueToTree(want.event().data()));
      assertThat(row.has("data_state")).isFalse();
      assertThat(row.get("site").asText()).isEqualTo(want.site());
      assertThat(row.get("app").asText()).isEqualTo(want.app());
      assertThat(row.get("tags")).isEqualTo(JSON.valueToTree(want.tags()));
    }
  }

  @Test
  void csvAndJsonLinesCarryTheSameRowsAsJson() throws Exception {
    String query = "/api/v1/events?tags=experiment:md-lipid&limit=20";
    JsonNode json = bed.json(query);
    HttpResponse<byte[]> csv = bed.get(query + "&format=csv");
    HttpResponse<byte[]> jsonl = bed.get(query + "&format=jsonl");
    assertThat(csv.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
    assertThat(csv.headers().firstValue("X-Total-Count")).contains(json.get("count").asText());
    assertThat(jsonl.headers().firstValue("X-Next-Cursor")).contains(json.get("next").asText());
    List<String> csvLines = Http.text(csv).lines().toList();
    List<String> jsonLines = Http.text(jsonl).lines().toList();
    assertThat(csvLines.get(0))
        .isEqualTo("id,job_id,timestamp,from_state,to_state,site,app,tags,data,data_state");
    assertThat(csvLines).hasSize(21);
    assertThat(jsonLines).hasSize(20);
    for (int i = 0; i < 20; i++) {
      JsonNode row = json.get("results").get(i);
      assertThat(JSON.readTree(jsonLines.get(i))).isEqualTo(row);
      assertThat(csvLines.get(i + 1))
          .startsWith(
              row.get("id").asText()
                  + ","
                  + row.get("job_id").asText()
                  + ","
                  + row.get("timestamp").asText()
                  + ",");
      assertThat(csvLines.get(i + 1)).endsWith(",whole");
    }
  }

  @Test
  void theDataFilterMatchesStringValuesAsBalsamDoesAndNeverNumbers() {
    JsonNode skipped = bed.json("/api/v1/events?data=message:Skipped%20stage%20out&limit=0");
    assertThat(skipped.get("count").asLong())
        .isEqualTo(
            StoreEvents.matching(
                    bed.balsam.store, Map.of("data", List.of("message:Skipped stage out")))
                .size())
        .isPositive();
    JsonNode nodes = bed.json("/api/v1/events?data=num_nodes:1.0&limit=0");
    assertThat(nodes.get("count").asLong()).isZero();
  }

  @Test
  void aDataFilterLeavesOutAndCountsTheEventsWhosePayloadIsNoLongerHeld() {
    // One distinct payload is held: job 120's tail, the later of the two.
    JsonNode held =
        bed.json("/api/v1/events?limit=10&data=error:" + encode(EventsBed.errorTail(120)));
    assertThat(held.get("count").asLong()).isEqualTo(1);
    assertThat(held.get("results").get(0).get("job_id").asLong()).isEqualTo(120);
    JsonNode forgotten =
        bed.json("/api/v1/events?limit=10&data=error:" + encode(EventsBed.errorTail(51)));
    assertThat(forgotten.get("count").asLong()).isZero();
    assertThat(forgotten.get("data_unknown").asLong()).isPositive();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void whileBalsamIsDownAPageIsServedWithItsUnheldPayloadsMarkedMissing() {
    bed.balsam.simulator.faults().down();
    assertThat(bed.poll().failure()).isPresent();
    bed.balsam.simulator.resetServerCost();
    JsonNode page = bed.json("/api/v1/events?job_id=51&ordering=timestamp&limit=100");
    assertThat(bed.balsam.simulator.serverCost().requests()).isZero();
    assertThat(page.get("count").asLong())
        .isEqualTo(StoreEvents.matching(bed.balsam.store, Map.of("job_id", List.of("51"))).size());
    List<String> states = new ArrayList<>();
    for (JsonNode row : page.get("results")) {
      states.add(row.path("data_state").asText("whole"));
      if (row.get("to_state").asText().equals("RUNNING") && row.get("data").isObject()) {
        assertThat(row.get("data").has("num_nodes")).isTrue();
      }
      if (row.path("data_state").asText().equals("missing")) {
        assertThat(row.get("data").isNull()).isTrue();
      }
    }
    assertThat(states).contains("missing");
  }

  @Test
  void refusesWhileTheFirstSyncRuns() {
    try (EventsBed fresh = new EventsBed(SimHarness.withDevFixtures())) {
      HttpResponse<byte[]> response = fresh.get("/api/v1/events");
      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(Http.text(response)).contains("first sync");
    }
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      textBlock =
          """
          colour=blue                                   | unknown parameter colour
          offset=10                                     | offset is not supported
          to_state=DONE                                 | unknown job state "DONE" for to_state
          job_id=abc                                    | job_id must be a positive integer
          batch_job_id=0                                | batch_job_id must be a positive integer
          tags=experiment                               | tags must be key:value
          data=returncode                               | data must be key:value
          timestamp_after=yesterday                     | timestamp_after must be an ISO-8601 time
          timestamp_after=2026-11-27T00:00:00&timestamp_before=2026-11-26T00:00:00 | timestamp_after is after timestamp_before
          since=2026-11-26T00:00:00&timestamp_after=2026-11-26T00:00:00 | timestamp_after and since are the same bound
          ordering=id                                   | ordering must be timestamp or -timestamp
          limit=10001                                   | limit must be an integer from 0 to 10000
          limit=-1                                      | limit must be an integer from 0 to 10000
          after=xyz                                     | after must be the "next" cursor of an earlier page
          format=xml                                    | format must be json, csv or jsonl
          site=nowhere                                  | no site named "nowhere"
          app=Nothing                                   | no app named "Nothing"
          to_state=RUN_DONE&to_state=FAILED             | to_state is given more than once
          """,
      delimiter = '|')
  void everyBadParameterIsA400SayingWhatIsWrong(String query, String message) {
    HttpResponse<byte[]> response = bed.get("/api/v1/events?" + query);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.text(response)).contains(message);
  }

  @Test
  void aCursorOfTheOtherOrderingIsRefused() {
    String next = bed.json("/api/v1/events?limit=1").get("next").asText();
    HttpResponse<byte[]> response = bed.get("/api/v1/events?ordering=timestamp&after=" + next);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(Http.text(response)).contains("cursor of ordering=-timestamp");
  }

  static Map<String, List<String>> params(String query) {
    return EventQueries.params(query);
  }
}

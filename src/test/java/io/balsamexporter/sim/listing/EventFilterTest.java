package io.balsamexporter.sim.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /events/} filters and orderings against the recorded events as oracle. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFilterTest {
  static final Comparator<Event> OLDEST_FIRST =
      Comparator.comparing(Event::timestamp).thenComparingLong(Event::id);
  private static final Comparator<Event> NEWEST_FIRST =
      Comparator.comparing(Event::timestamp, Comparator.reverseOrder())
          .thenComparingLong(Event::id);

  @AutoClose private final SimHarness dev = SimHarness.withDevFixtures();
  private final String token = dev.login();

  @Test
  void defaultOrderIsNewestFirstWithTiesByIdAscending() {
    assertMatches("/events/", e -> true, NEWEST_FIRST);
  }

  @Test
  void timestampOrderIsOldestFirstWithTiesByIdAscending() {
    assertMatches("/events/?ordering=timestamp", e -> true, OLDEST_FIRST);
  }

  @Test
  void idOrderingIsRejectedListingTheTwoPermittedValues() {
    HttpResponse<String> response = dev.http.get("/events/?ordering=id", token);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"detail\":[{\"loc\":[\"query\",\"ordering\"],\"msg\":\"value is not a valid"
                + " enumeration member; permitted: 'timestamp', '-timestamp'\","
                + "\"type\":\"type_error.enum\","
                + "\"ctx\":{\"enum_values\":[\"timestamp\",\"-timestamp\"]}}]}");
  }

  @Test
  void timestampBoundsAreInclusiveForEveryRecordedTimestamp() {
    // Late arrivals make id order differ from time order: check the window at many points.
    List<Event> sample = Recorded.EVENTS.stream().filter(e -> e.id() % 37 == 0).toList();
    for (Event pivot : sample) {
      Instant at = pivot.timestamp();
      String text = BalsamTime.format(at);
      assertMatches(
          "/events/?ordering=timestamp&timestamp_after=" + text,
          e -> !e.timestamp().isBefore(at),
          OLDEST_FIRST);
      assertMatches(
          "/events/?timestamp_before=" + text + "&limit=0", e -> !e.timestamp().isAfter(at), null);
    }
  }

  @Test
  void timestampWindowCombinesBothBounds() {
    String from = "2026-11-26T09:08:00";
    String to = "2026-11-26T09:09:00.5";
    Instant start = BalsamTime.parse(from);
    Instant end = BalsamTime.parse(to);

    assertMatches(
        "/events/?timestamp_after=" + from + "&timestamp_before=" + to,
        e -> !e.timestamp().isBefore(start) && !e.timestamp().isAfter(end),
        NEWEST_FIRST);
  }

  @Test
  void pagingThroughTimeOrderVisitsEveryEventOnce() {
    List<Long> expected = Recorded.EVENTS.stream().sorted(OLDEST_FIRST).map(Event::id).toList();
    List<Long> seen = new java.util.ArrayList<>();
    for (int offset = 0; offset < 900; offset += 100) {
      seen.addAll(
          JobFilterTest.ids(page("/events/?ordering=timestamp&limit=100&offset=" + offset)));
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void jobIdAndStateFiltersSelectExactly() {
    assertMatches(
        "/events/?job_id=76&job_id=1", e -> e.jobId() == 76 || e.jobId() == 1, NEWEST_FIRST);
    assertMatches("/events/?to_state=RUNNING", e -> e.toState().equals("RUNNING"), NEWEST_FIRST);
    assertMatches(
        "/events/?from_state=RUN_DONE&to_state=JOB_FINISHED",
        e -> e.fromState().equals("RUN_DONE") && e.toState().equals("JOB_FINISHED"),
        NEWEST_FIRST);
    assertThat(count("/events/?to_state=DONE")).isZero();
    assertThat(count("/events/?to_state=")).isEqualTo(836);
  }

  @Test
  void idListSelectsThoseEvents() {
    assertThat(JobFilterTest.ids(page("/events/?id=3&id=836&id=99999&ordering=timestamp")))
        .containsExactly(3L, 836L);
  }

  @Test
  void tagsFilterOnTheEventsJob() {
    assertMatches(
        "/events/?tags=experiment:xpcs-run7",
        e -> "xpcs-run7".equals(job(e).tags().get("experiment")),
        NEWEST_FIRST);
  }

  @Test
  void dataFilterMatchesStringValuesOnly() {
    assertMatches(
        "/events/?data=message:Skipped%20stage%20out",
        e -> "Skipped stage out".equals(e.data().get("message")), NEWEST_FIRST);
    assertThat(count("/events/?data=message:Skipped%20stage%20out")).isEqualTo(77);
    assertThat(count("/events/?data=num_nodes:1.0")).isZero();
  }

  @Test
  void batchJobIdUsesTheJobsCurrentBatchJob() {
    assertMatches(
        "/events/?batch_job_id=1", e -> Long.valueOf(1).equals(job(e).batchJobId()), NEWEST_FIRST);
    assertThat(count("/events/?batch_job_id=1")).isEqualTo(442);
  }

  @Test
  void schedulerIdSelectsEveryEventOfTheSiteOwningThatBatchJobAsUpstreamDoes() {
    assertMatches(
        "/events/?scheduler_id=33871466", e -> Recorded.siteOf(job(e)) == 2, NEWEST_FIRST);
    assertThat(count("/events/?scheduler_id=6112825")).isEqualTo(557);
    assertThat(count("/events/?scheduler_id=123")).isZero();
    assertThat(count("/events/?scheduler_id=0")).isEqualTo(836);
  }

  @Test
  void schedulerAndBatchJobFiltersJoinTheSameBatchJobRow() {
    assertThat(count("/events/?batch_job_id=1&scheduler_id=6112825")).isEqualTo(442);
    assertThat(count("/events/?batch_job_id=1&scheduler_id=33871466")).isZero();
  }

  private static Job job(Event event) {
    return Recorded.JOB_BY_ID.get(event.jobId());
  }

  private void assertMatches(
      String pathAndQuery, Predicate<Event> oracle, Comparator<Event> order) {
    List<Event> matching = Recorded.EVENTS.stream().filter(oracle).toList();
    JsonNode page = page(pathAndQuery);
    assertThat(page.get("count").asLong()).as(pathAndQuery).isEqualTo(matching.size());
    if (order != null) {
      List<Long> expected = matching.stream().sorted(order).map(Event::id).toList();
      assertThat(JobFilterTest.ids(page)).as(pathAndQuery).isEqualTo(expected);
    }
  }

  private long count(String pathAndQuery) {
    return page(pathAndQuery).get("count").asLong();
  }

  private JsonNode page(String pathAndQuery) {
    HttpResponse<String> response = dev.http.get(pathAndQuery, token);
    assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
    return Http.json(response);
  }
}

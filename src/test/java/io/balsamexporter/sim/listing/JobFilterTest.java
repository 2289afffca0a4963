package io.balsamexporter.sim.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /jobs/} filters and paging against the recorded jobs as oracle. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobFilterTest {
  @AutoClose private final SimHarness dev = SimHarness.withDevFixtures();
  private final String token = dev.login();

  @Test
  void limitAndOffsetSelectAWindowOfTheIdOrderAndCountEveryMatch() {
    JsonNode page = page("/jobs/?limit=10&offset=5");

    assertThat(page.get("count").asInt()).isEqualTo(199);
    assertThat(ids(page)).containsExactly(6L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L);
  }

  @Test
  void offsetPastTheEndGivesEmptyResultsWithTheFullCount() {
    assertThat(body("/jobs/?offset=199")).isEqualTo("{\"count\":199,\"results\":[]}");
  }

  @Test
  void limitZeroOnlyCounts() {
    assertThat(body("/jobs/?state=RUNNING&limit=0")).isEqualTo("{\"count\":3,\"results\":[]}");
  }

  @Test
  void limitOfTheMaximumPageSizeIsAccepted() {
    assertThat(page("/jobs/?limit=100000").get("results").size()).isEqualTo(199);
  }

  @Test
  void limitAboveTheMaximumIsRejectedWithTheServersErrorBody() {
    HttpResponse<String> response = dev.http.get("/jobs/?limit=100001", token);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"detail\":[{\"loc\":[\"query\",\"limit\"],"
                + "\"msg\":\"ensure this value is less than or equal to 100000\","
                + "\"type\":\"value_error.number.not_le\",\"ctx\":{\"limit_value\":100000}}]}");
  }

  @Test
  void negativeOffsetIsRejected() {
    HttpResponse<String> response = dev.http.get("/jobs/?offset=-1", token);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"detail\":[{\"loc\":[\"query\",\"offset\"],"
                + "\"msg\":\"ensure this value is greater than or equal to 0\","
                + "\"type\":\"value_error.number.not_ge\",\"ctx\":{\"limit_value\":0}}]}");
  }

  @Test
  void negativeLimitIsAServerErrorOnJobsButAnEmptyPageElsewhere() {
    HttpResponse<String> jobs = dev.http.get("/jobs/?limit=-1", token);

    assertThat(jobs.statusCode()).isEqualTo(500);
    assertThat(jobs.body()).isEqualTo("Internal Server Error");
    assertThat(body("/events/?limit=-1")).isEqualTo("{\"count\":836,\"results\":[]}");
    assertThat(body("/sites/?limit=-1")).isEqualTo("{\"count\":2,\"results\":[]}");
    assertThat(body("/batch-jobs/?limit=-5")).isEqualTo("{\"count\":3,\"results\":[]}");
  }

  @Test
  void everyOrderingSortsWithIdAscendingAsTieBreak() {
    assertOrder("last_update", Comparator.comparing(Job::lastUpdate));
    assertOrder("-last_update", Comparator.comparing(Job::lastUpdate).reversed());
    assertOrder("state", Comparator.comparing(Job::state));
    assertOrder("-state", Comparator.comparing(Job::state).reversed());
    assertOrder("workdir", Comparator.comparing(Job::workdir));
    assertOrder("-workdir", Comparator.comparing(Job::workdir).reversed());
    assertOrder("id", (a, b) -> 0);
    assertThat(ids(page("/jobs/?ordering=-id&limit=3"))).containsExactly(199L, 198L, 197L);
  }

  @Test
  void unknownOrderingIsRejectedListingThePermittedValues() {
    HttpResponse<String> response = dev.http.get("/jobs/?ordering=timestamp", token);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"detail\":[{\"loc\":[\"query\",\"ordering\"],\"msg\":\"value is not a valid"
                + " enumeration member; permitted: 'last_update', '-last_update', 'id', '-id',"
                + " 'state', '-state', 'workdir', '-workdir'\",\"type\":\"type_error.enum\","
                + "\"ctx\":{\"enum_values\":[\"last_update\",\"-last_update\",\"id\",\"-id\","
                + "\"state\",\"-state\",\"workdir\",\"-workdir\"]}}]}");
  }

  @Test
  void idListSelectsThoseJobsInIdOrder() {
    assertThat(ids(page("/jobs/?id=5&id=1&id=3&id=99999"))).containsExactly(1L, 3L, 5L);
  }

  @Test
  void stateListAndStateNotEqualFilterOnTheCurrentState() {
    assertMatches(
        "/jobs/?state=RUNNING&state=RUN_DONE", j -> j.state().matches("RUNNING|RUN_DONE"));
    assertMatches("/jobs/?state__ne=JOB_FINISHED", j -> !j.state().equals("JOB_FINISHED"));
  }

  @Test
  void unknownStateIsRejectedAtItsPositionInTheList() {
    HttpResponse<String> response = dev.http.get("/jobs/?state=RUNNING&state=DONE", token);

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode error = Http.json(response).get("detail").get(0);
    assertThat(error.get("loc").toString()).isEqualTo("[\"query\",\"state\",1]");
    assertThat(error.get("type").asText()).isEqualTo("type_error.enum");
    assertThat(error.get("msg").asText()).startsWith("value is not a valid enumeration member;");
  }

  @Test
  void lastUpdateBoundsAreInclusive() {
    Job pivot = Recorded.JOB_BY_ID.get(76L);
    String at = BalsamTime.format(pivot.lastUpdate());

    assertMatches(
        "/jobs/?last_update_after=" + at, j -> !j.lastUpdate().isBefore(pivot.lastUpdate()));
    assertMatches(
        "/jobs/?last_update_before=" + at, j -> !j.lastUpdate().isAfter(pivot.lastUpdate()));
    assertThat(ids(page("/jobs/?last_update_after=" + at + "&last_update_before=" + at)))
        .contains(76L);
  }

  @Test
  void datetimeFiltersAcceptOffsetsZuluAndEpochSeconds() {
    long naive = count("/jobs/?last_update_after=2026-11-26T09:09:00");

    assertThat(count("/jobs/?last_update_after=2026-11-26T09:09:00Z")).isEqualTo(naive);
    assertThat(count("/jobs/?last_update_after=2026-11-26T10:09:00%2B01:00")).isEqualTo(naive);
    assertThat(count("/jobs/?last_update_after=2026-11-26%2009:09")).isEqualTo(naive);
    assertThat(count("/jobs/?last_update_after=1795684140")).isEqualTo(naive);
    assertThat(naive).isBetween(1L, 198L);
  }

  @Test
  void unparseableDatetimeIsRejected() {
    HttpResponse<String> response = dev.http.get("/jobs/?last_update_after=yesterday", token);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"detail\":[{\"loc\":[\"query\",\"last_update_after\"],"
                + "\"msg\":\"invalid datetime format\",\"type\":\"value_error.datetime\"}]}");
  }

  @Test
  void tagsAreAndedKeyValuePairsAndEntriesWithoutAColonAreIgnored() {
    assertMatches(
        "/jobs/?tags=experiment:md-lipid", j -> "md-lipid".equals(j.tags().get("experiment")));
    assertMatches(
        "/jobs/?tags=experiment:md-lipid&tags=stage:analysis",
        j ->
            "md-lipid".equals(j.tags().get("experiment"))
                && "analysis".equals(j.tags().get("stage")));
    assertThat(count("/jobs/?tags=experiment")).isEqualTo(199);
    assertThat(count("/jobs/?tags=experiment:md-lipid&tags=nonsense")).isEqualTo(74);
    assertThat(count("/jobs/?tags=experiment:md")).isZero();
  }

  @Test
  void parentAppSiteAndWorkdirFiltersSelectTheRelatedJobs() {
    assertMatches("/jobs/?parent_id=86", j -> j.parentIds().contains(86L));
    assertMatches("/jobs/?app_id=2", j -> j.appId() == 2);
    assertMatches("/jobs/?site_id=2", j -> Recorded.siteOf(j) == 2);
    assertMatches("/jobs/?workdir__contains=analyze", j -> j.workdir().contains("analyze"));
    assertMatches("/jobs/?pending_file_cleanup=true", Job::pendingFileCleanup);
    assertThat(count("/jobs/?pending_file_cleanup=false")).isEqualTo(199);
  }

  @Test
  void workdirContainsUsesLikeWildcards() {
    assertThat(count("/jobs/?workdir__contains=md_lipid")).isEqualTo(74);
    assertThat(count("/jobs/?workdir__contains=md%25analyze"))
        .isEqualTo(count("/jobs/?tags=experiment:md-lipid&tags=stage:analysis"));
  }

  @Test
  void integerFilterZeroIsIgnored() {
    assertThat(count("/jobs/?app_id=0")).isEqualTo(199);
    assertThat(count("/jobs/?batch_job_id=0")).isEqualTo(199);
  }

  @Test
  void batchJobIdSelectsEveryJobOfTheSiteOwningThatBatchJobAsUpstreamDoes() {
    assertMatches("/jobs/?batch_job_id=1", j -> Recorded.siteOf(j) == 1);
    assertMatches("/jobs/?batch_job_id=3", j -> Recorded.siteOf(j) == 1);
    assertThat(count("/jobs/?batch_job_id=42")).isZero();
  }

  private void assertOrder(String ordering, Comparator<Job> key) {
    List<Long> expected =
        Recorded.JOBS.stream()
            .sorted(key.thenComparingLong(Job::id))
            .map(Job::id)
            .collect(Collectors.toList());
    assertThat(ids(page("/jobs/?ordering=" + ordering))).as(ordering).isEqualTo(expected);
  }

  private void assertMatches(String pathAndQuery, Predicate<Job> oracle) {
    List<Long> expected = Recorded.JOBS.stream().filter(oracle).map(Job::id).toList();
    JsonNode page = page(pathAndQuery);
    assertThat(page.get("count").asLong()).as(pathAndQuery).isEqualTo(expected.size());
    assertThat(ids(page)).as(pathAndQuery).isEqualTo(expected);
  }

  private long count(String pathAndQuery) {
    return page(pathAndQuery).get("count").asLong();
  }

  private JsonNode page(String pathAndQuery) {
    HttpResponse<String> response = dev.http.get(pathAndQuery, token);
    assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
    return Http.json(response);
  }

  private String body(String pathAndQuery) {
    return dev.http.get(pathAndQuery, token).body();
  }

  static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.get("results").forEach(item -> ids.add(item.get("id").asLong()));
    return ids;
  }
}

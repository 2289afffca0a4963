package io.balsamexporter.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * With the recorded dev workload loaded, the simulator answers as the real server did: the listings
 * are compared as strings, byte for byte, with the recorded JSON.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractTest {
  @AutoClose private final SimHarness dev = SimHarness.withDevFixtures();
  private final String token = dev.login();

  @Test
  void sitesListingIsTheRecordedJsonByteForByte() throws Exception {
    assertSameAsRecorded("/sites/", "sites.json");
  }

  @Test
  void appsListingIsTheRecordedJsonByteForByte() throws Exception {
    assertSameAsRecorded("/apps/", "apps.json");
  }

  @Test
  void jobsListingIsTheRecordedJsonByteForByte() throws Exception {
    assertSameAsRecorded("/jobs/", "jobs.json");
  }

  @Test
  void batchJobsListingIsTheRecordedJsonByteForByte() throws Exception {
    assertSameAsRecorded("/batch-jobs/", "batch-jobs.json");
  }

  @Test
  void eventsInTimestampOrderAreTheRecordedJsonByteForByte() throws Exception {
    assertSameAsRecorded("/events/?ordering=timestamp", "events.json");
  }

  @Test
  void listingsAreServedAsJson() {
    HttpResponse<String> response = dev.http.get("/jobs/?limit=1", token);

    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
  }

  @Test
  void defaultEventOrderIsNewestFirst() {
    JsonNode page = Http.json(dev.http.get("/events/?limit=2", token));

    assertThat(page.toString())
        .isEqualTo(
            "{\"count\":836,\"results\":["
                + "{\"id\":836,\"job_id\":75,\"timestamp\":\"2026-11-26T09:12:01.957087\","
                + "\"from_state\":\"RUNNING\",\"to_state\":\"RUN_DONE\",\"data\":{}},"
                + "{\"id\":835,\"job_id\":193,\"timestamp\":\"2026-11-26T09:12:00.950261\","
                + "\"from_state\":\"RUNNING\",\"to_state\":\"RUN_DONE\",\"data\":{}}]}");
  }

  @Test
  void eventsOfTheSchedulerIdCountEveryEventOfItsSiteAsUpstreamDoes() {
    assertThat(count("/events/?scheduler_id=6112789&limit=0")).isEqualTo(557);
  }

  @Test
  void finishedEventsOfTheMdLipidExperimentCount26() {
    assertThat(count("/events/?tags=experiment:md-lipid&to_state=JOB_FINISHED&limit=0"))
        .isEqualTo(26);
  }

  @Test
  void batchJobFiltersOfTheAnalyticsReportsMatchWhatTheReadmeRecorded() {
    assertThat(count("/batch-jobs/?scheduler_id=6112789")).isEqualTo(1);
    assertThat(count("/batch-jobs/?filter_tags=experiment:md-lipid")).isZero();
  }

  @Test
  void runningJobsMatchTheAppendixExample() {
    JsonNode page = Http.json(dev.http.get("/jobs/?state=RUNNING&limit=1", token));

    assertThat(page.get("count").asInt()).isEqualTo(3);
    assertThat(page.get("results").get(0).toString())
        .isEqualTo(
            "{\"id\":76,\"workdir\":\"surrogate-v2/trainsurrogate_00005\","
                + "\"tags\":{\"experiment\":\"surrogate-v2\",\"scale_nodes\":\"5\"},\"app_id\":5,"
                + "\"session_id\":null,\"serialized_parameters\":\"\","
                + "\"serialized_return_value\":\"\",\"serialized_exception\":\"\","
                + "\"batch_job_id\":2,\"state\":\"RUNNING\","
                + "\"last_update\":\"2026-11-26T09:10:36.293797+00:00\",\"data\":{},"
                + "\"return_code\":null,\"pending_file_cleanup\":true,\"parent_ids\":[],"
                + "\"num_nodes\":5,\"ranks_per_node\":4,\"threads_per_rank\":8,"
                + "\"threads_per_core\":1,\"gpus_per_rank\":1.0,\"node_packing_count\":1,"
                + "\"wall_time_min\":60,\"launch_params\":{\"cpu_bind\":\"depth\"}}");
  }

  @Test
  void tagAndStateListsCombineAsInTheAppendixExample() {
    JsonNode page =
        Http.json(
            dev.http.get(
                "/jobs/?tags=experiment:md-lipid&tags=stage:analysis"
                    + "&state=AWAITING_PARENTS&state=STAGED_IN&limit=1",
                token));

    assertThat(page.get("count").asInt()).isEqualTo(10);
    JsonNode first = page.get("results").get(0);
    assertThat(first.get("id").asLong()).isEqualTo(116);
    assertThat(first.get("parent_ids").toString()).isEqualTo("[88,86]");
  }

  @Test
  void firstRunningEventsInTimeOrderMatchTheAppendixExample() {
    JsonNode page =
        Http.json(dev.http.get("/events/?to_state=RUNNING&ordering=timestamp&limit=2", token));

    assertThat(page.get("count").asInt()).isEqualTo(127);
    assertThat(page.get("results").get(0).toString())
        .isEqualTo(
            "{\"id\":156,\"job_id\":1,\"timestamp\":\"2026-11-26T09:07:19.817042\","
                + "\"from_state\":\"PREPROCESSED\",\"to_state\":\"RUNNING\","
                + "\"data\":{\"num_nodes\":1.0}}");
    assertThat(page.get("results").get(1).get("id").asLong()).isEqualTo(163);
  }

  @Test
  void theOnlyRunErrorEventCarriesItsReturnCode() {
    JsonNode page = Http.json(dev.http.get("/events/?to_state=RUN_ERROR&limit=1", token));

    assertThat(page.get("count").asInt()).isEqualTo(1);
    JsonNode event = page.get("results").get(0);
    assertThat(event.get("id").asLong()).isEqualTo(373);
    assertThat(event.get("data").get("returncode").asInt()).isEqualTo(134);
  }

  @Test
  void batchJobStatesMatchTheAppendixExamples() {
    JsonNode finished = Http.json(dev.http.get("/batch-jobs/?state=finished", token));
    JsonNode running = Http.json(dev.http.get("/batch-jobs/?state=running", token));

    assertThat(finished.get("count").asInt()).isEqualTo(1);
    assertThat(finished.get("results").get(0).get("start_time").asText())
        .isEqualTo("2026-11-26T09:07:05");
    assertThat(running.get("count").asInt()).isEqualTo(1);
    assertThat(running.get("results").get(0).get("scheduler_id").asLong()).isEqualTo(33871466);
    assertThat(running.get("results").get(0).get("start_time").isNull()).isTrue();
  }

  @Test
  void firstSiteOfTwoMatchesTheAppendixExample() {
    JsonNode page = Http.json(dev.http.get("/sites/?limit=1", token));

    assertThat(page.get("count").asInt()).isEqualTo(2);
    assertThat(page.get("results").get(0).get("name").asText()).isEqualTo("polaris-md");
  }

  private long count(String pathAndQuery) {
    HttpResponse<String> response = dev.http.get(pathAndQuery, token);
    assertThat(response.statusCode()).isEqualTo(200);
    return Http.json(response).get("count").asLong();
  }

  private void assertSameAsRecorded(String pathAndQuery, String fixture) throws Exception {
    HttpResponse<String> response = dev.http.get(pathAndQuery, token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo(DevFixture.file(fixture));
  }
}

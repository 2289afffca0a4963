package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * After one sync of the recorded dev workload, every domain metric equals what the recorded
 * responses and Balsam's own analytics say. The page sizes include one smaller than the groups of
 * events that share a timestamp, so paging through ties is exercised.
 */
class FixtureIngestTest {
  private final SimHarness balsam = SimHarness.withDevFixtures();

  @AfterEach
  void stop() {
    balsam.close();
  }

  private Samples syncOnce(int pageSize) {
    ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    Poller poller =
        new Poller(
                balsam.client(pageSize, RequestObserver.NONE),
                new IngestSettings(
                    pageSize, java.time.Duration.ofMinutes(10), java.time.Instant.EPOCH, List.of()),
                balsam.clock)
            .subscribe(metrics.domain());
    PollResult result = poller.pollOnce();
    assertThat(result.failure()).isEmpty();
    assertThat(poller.synced()).isTrue();
    return new Samples(metrics.scrape());
  }

  @ParameterizedTest(name = "page size {0}")
  @ValueSource(ints = {7, 100, 10_000})
  void transitionsEqualTheEventLogPerSiteAndTransition(int pageSize) {
    Samples samples = syncOnce(pageSize);
    Map<Long, String> siteOfJob = DevFixture.siteOfJob();
    Map<List<String>, Integer> expected = new HashMap<>();
    for (JsonNode e : DevFixture.results("events.json")) {
      expected.merge(
          List.of(
              siteOfJob.get(e.get("job_id").asLong()),
              e.get("from_state").asText(),
              e.get("to_state").asText()),
          1,
          Integer::sum);
    }
    assertThat(samples.sum("balsam_job_transitions")).isEqualTo(836);
    expected.forEach(
        (key, n) ->
            assertThat(
                    samples.sum(
                        "balsam_job_transitions",
                        Map.of(
                            "site", key.get(0), "from_state", key.get(1), "to_state", key.get(2))))
                .as("transitions %s", key)
                .isEqualTo(n.doubleValue()));
  }

  @ParameterizedTest(name = "page size {0}")
  @ValueSource(ints = {7, 10_000})
  void jobGaugesEqualTheJobListing(int pageSize) {
    Samples samples = syncOnce(pageSize);
    Map<Long, String> siteOfJob = DevFixture.siteOfJob();
    Map<List<String>, Integer> expected = new HashMap<>();
    Map<String, Double> runningNodes = new HashMap<>();
    for (JsonNode j : DevFixture.results("jobs.json")) {
      String site = siteOfJob.get(j.get("id").asLong());
      String state = j.get("state").asText();
      expected.merge(List.of(site, state), 1, Integer::sum);
      if (state.equals("RUNNING")) {
        runningNodes.merge(
            site,
            j.get("num_nodes").asDouble() / j.get("node_packing_count").asDouble(),
            Double::sum);
      }
    }
    for (String site : DevFixture.siteNames().values()) {
      for (String state : JobStates.ALL) {
        assertThat(samples.sum("balsam_jobs", Map.of("site", site, "state", state)))
            .as("jobs at %s in %s", site, state)
            .isEqualTo(expected.getOrDefault(List.of(site, state), 0).doubleValue());
      }
      assertThat(samples.sum("balsam_running_job_nodes", Map.of("site", site)))
          .isCloseTo(runningNodes.getOrDefault(site, 0.0), within(1e-9));
    }
    assertThat(samples.series("balsam_jobs")).hasSize(2 * JobStates.ALL.size());
  }

  @ParameterizedTest(name = "page size {0}")
  @ValueSource(ints = {10_000})
  void runningNodesEqualTheLastValueOfBalsamsUtilizationReport(int pageSize) {
    Samples samples = syncOnce(pageSize);
    assertThat(samples.sum("balsam_running_job_nodes"))
        .isCloseTo(DevFixture.lastValue("utilization_nodes.csv"), within(1e-9));
    assertThat(samples.sum("balsam_jobs", Map.of("state", "RUNNING")))
        .isEqualTo(DevFixture.lastValue("utilization_jobs.csv"));
  }

  @ParameterizedTest(name = "page size {0}")
  @ValueSource(ints = {10_000})
  void availableNodesEqualTheRunningBatchJobs(int pageSize) {
    Samples samples = syncOnce(pageSize);
    Map<Long, String> siteName = DevFixture.siteNames();
    Map<String, Double> expected = new HashMap<>();
    siteName.values().forEach(s -> expected.put(s, 0.0));
    for (JsonNode b : DevFixture.results("batch-jobs.json")) {
      if (b.get("state").asText().equals("running")) {
        expected.merge(
            siteName.get(b.get("site_id").asLong()), b.get("num_nodes").asDouble(), Double::sum);
      }
    }
    assertThat(samples.sumBy("balsam_available_nodes", "site", Map.of())).isEqualTo(expected);
    assertThat(samples.sum("balsam_batch_jobs")).isEqualTo(3);
    assertThat(samples.sum("balsam_batch_job_requested_nodes", Map.of("state", "queued")))
        .isEqualTo(8);
  }

  @ParameterizedTest(name = "page size {0}")
  @ValueSource(ints = {10_000})
  void durationsArePairedFromTheEventLog(int pageSize) {
    Samples samples = syncOnce(pageSize);
    // Every RUNNING exit in the log closes a run: RUN_DONE 112, RUN_TIMEOUT 11, RUN_ERROR 1.
    assertThat(
            samples.histogramCount(
                "balsam_job_run_duration_seconds", Map.of("outcome", "RUN_DONE")))
        .isEqualTo(112);
    assertThat(samples.histogramCount("balsam_job_run_duration_seconds", Map.of())).isEqualTo(124);
    // Every RUNNING event closes a wait since PREPROCESSED or RESTART_READY: 127.
    assertThat(samples.histogramCount("balsam_job_queue_wait_seconds", Map.of())).isEqualTo(127);
  }
}

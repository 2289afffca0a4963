package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.sim.JobUpdate;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.ExpectedCsv;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reports from the running exporter's journal equal balsam.analytics on the recorded workload, and
 * equal the same reports computed from the raw listings under every filter, after late events and
 * after a restart.
 */
class EventJournalTest {
  private final SimHarness balsam = SimHarness.withDevFixtures();

  @AfterEach
  void stop() {
    balsam.close();
  }

  private static ReportRequest request(String kind, String... params) {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String param : params) {
      int eq = param.indexOf('=');
      map.computeIfAbsent(param.substring(0, eq), k -> new ArrayList<>())
          .add(param.substring(eq + 1));
    }
    try {
      return ReportParams.parse(ReportKind.byPath(kind).orElseThrow(), map, ReportFormat.JSON)
          .request();
    } catch (ReportException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @ParameterizedTest(name = "{0} {1} agrees with {2}")
  @CsvSource({
    "throughput,'',throughput_JOB_FINISHED.csv",
    "throughput,to_state=RUN_DONE,throughput_RUN_DONE.csv",
    "utilization,'',utilization_nodes.csv",
    "utilization,node_weighting=false,utilization_jobs.csv",
    "available-nodes,'',available_nodes.csv",
    "throughput,scheduler_id=6112789,throughput_JOB_FINISHED_scheduler_6112789.csv",
    "utilization,scheduler_id=6112789,utilization_nodes_scheduler_6112789.csv",
    "available-nodes,scheduler_id=6112789,available_nodes_scheduler_6112789.csv",
    "throughput,tag=experiment:md-lipid,throughput_RUN_DONE_tag_experiment_md-lipid.csv",
    "utilization,tag=experiment:md-lipid,utilization_nodes_tag_experiment_md-lipid.csv",
    "available-nodes,tag=experiment:md-lipid,available_nodes_tag_experiment_md-lipid.csv"
  })
  void afterTheFirstSyncTheJournalAgreesWithBalsam(String kind, String param, String csv) {
    JournalFixture exporter = JournalFixture.start(balsam, 100).poll();
    ReportRequest request = param.isEmpty() ? request(kind) : request(kind, param);
    if (csv.startsWith("throughput_RUN_DONE_tag")) {
      request = request(kind, param, "to_state=RUN_DONE");
    }
    ExpectedCsv.assertAgrees(exporter.fromJournal(request).series(), csv);
    assertThat(exporter.journal.size()).isEqualTo(DevFixture.results("events.json").size());
  }

  private static final String[][] FILTERS = {
    {},
    {"site=polaris-md"},
    {"site=perlmutter-xpcs", "tag=experiment:xpcs-run7"},
    {"batch_job_id=2"},
    {"scheduler_id=33871466"},
    {"batch_job_id=1", "scheduler_id=33871466"},
    {"job_id=1", "job_id=2", "job_id=51", "job_id=76"},
    {"since=2026-11-26T09:08:00", "until=2026-11-26T09:10:30.5Z"},
    {"since=1795683000", "tag=experiment:md-lipid", "tag=stage:analysis"},
    {"from_state=RESTART_READY"},
    {"to_state=RUN_TIMEOUT"},
    {"node_weighting=false", "site=polaris-md", "until=2026-11-26T09:09:00"},
  };

  private static void assertJournalEqualsRawListings(JournalFixture exporter) {
    for (String kind : List.of("throughput", "utilization", "available-nodes")) {
      for (String[] filter : FILTERS) {
        ReportRequest request = request(kind, filter);
        Report raw = exporter.fromRawListings(request);
        JournalFixture.assertSame(exporter.fromJournal(request), raw);
      }
    }
  }

  @Test
  void underEveryFilterTheJournalEqualsTheRawListings() {
    JournalFixture exporter = JournalFixture.start(balsam, 10_000).poll();
    assertJournalEqualsRawListings(exporter);
    assertThat(exporter.fromRawListings(request("utilization", "batch_job_id=2")).series().size())
        .as("a filter that keeps something")
        .isPositive();
  }

  @Test
  void lateEventsAndARestartLeaveTheJournalEqualToTheRawListings() {
    JournalFixture exporter = JournalFixture.start(balsam, 10_000).poll();
    // Late events: inside the re-read window, beyond it, days before everything; one job moves
    // from batch job 1 to batch job 2, which takes its whole history along.
    update(new JobUpdate(1, "RUNNING", at("2026-11-26T09:11:00"), nodes(2.0), 2L, null));
    update(JobUpdate.state(2, "RUNNING", at("2026-11-26T08:00:00"), nodes(0.5)));
    update(JobUpdate.state(3, "RUNNING", at("2026-11-20T12:00:00"), nodes(4.0)));
    update(JobUpdate.state(2, "RUN_DONE", at("2026-11-26T09:07:19.818142"), Map.of()));
    exporter.poll();
    assertThat(exporter.journal.size()).isEqualTo(840);
    assertJournalEqualsRawListings(exporter);

    JournalFixture restarted = JournalFixture.start(balsam, 7).poll();
    assertJournalEqualsRawListings(restarted);
  }

  @Test
  void beforeTheFirstSyncEndsAReportSaysItIsNotReady() {
    JournalFixture exporter = JournalFixture.start(balsam, 10_000);
    assertThatThrownBy(() -> exporter.journal.run(request("throughput")))
        .isInstanceOf(ReportSource.NotReadyException.class);
  }

  @Test
  void anUnknownSiteIsAnError() {
    JournalFixture exporter = JournalFixture.start(balsam, 10_000).poll();
    assertThatThrownBy(() -> exporter.journal.run(request("throughput", "site=nowhere")))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("no site named \"nowhere\"")
        .hasMessageContaining("polaris-md");
  }

  private void update(JobUpdate update) {
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(List.of(update));
  }

  private static Instant at(String naive) {
    return Instant.parse(naive + "Z");
  }

  private static Map<String, Object> nodes(double n) {
    return Map.of("num_nodes", n);
  }
}

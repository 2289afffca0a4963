package io.balsamexporter.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.SimHarness;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backfill of the recorded dev workload, read back with a parser of the test's own and compared
 * with what balsam.analytics and the raw listings of the same workload say.
 */
class BackfillReplayTest {
  @TempDir static Path dir;
  static SimHarness sim;
  static BackfillRun run;
  static OpenMetricsSamples file;

  @BeforeAll
  static void backfillTheDevWorkload() throws Exception {
    sim = SimHarness.withDevFixtures();
    run = BackfillRun.against(sim, dir, "--step=1s");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    file = run.samples();
    java.nio.file.Files.copy(
        run.out(), Path.of("/tmp/bf.om"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  @Test
  void stepsCoverTheWorkloadOneSecondApartFromTheSecondOfTheFirstEvent() {
    List<Long> steps = file.steps();
    assertThat(steps.get(0)).isEqualTo(Instant.parse("2026-11-26T09:06:36Z").toEpochMilli());
    assertThat(steps.get(steps.size() - 1))
        .isEqualTo(Instant.parse("2026-11-26T09:12:02Z").toEpochMilli());
    for (int i = 1; i < steps.size(); i++) {
      assertThat(steps.get(i) - steps.get(i - 1)).isEqualTo(1000);
    }
  }

  @Test
  void runningJobNodesSummedOverSitesFollowTheNodeWeightedUtilizationReport() {
    ReportCsv report = ReportCsv.of("utilization_nodes.csv");
    Map<Long, Double> nodes = file.sumPerTime("balsam_running_job_nodes", l -> true);
    assertThat(nodes).hasSize(file.steps().size());
    nodes.forEach(
        (millis, value) ->
            assertThat(value)
                .as("nodes at %s", Instant.ofEpochMilli(millis))
                .isCloseTo(report.at(Instant.ofEpochMilli(millis)), within(1e-9)));
    assertThat(nodes.values()).anyMatch(v -> v > 10);
  }

  @Test
  void finishedTransitionsSummedFollowTheThroughputReport() {
    ReportCsv report = ReportCsv.of("throughput_JOB_FINISHED.csv");
    Map<Long, Double> finished =
        file.sumPerTime(
            "balsam_job_transitions_total", l -> "JOB_FINISHED".equals(l.get("to_state")));
    assertThat(finished).hasSize(file.steps().size());
    finished.forEach(
        (millis, value) ->
            assertThat(value)
                .as("finished by %s", Instant.ofEpochMilli(millis))
                .isEqualTo(report.at(Instant.ofEpochMilli(millis))));
    assertThat(finished.values()).contains(105.0);
  }

  @Test
  void availableNodesAreTheBatchJobsBetweenTheirStartAndEndTimes() {
    ReportCsv report = ReportCsv.of("available_nodes.csv");
    Map<Long, Double> available = file.sumPerTime("balsam_available_nodes", l -> true);
    available.forEach(
        (millis, value) ->
            assertThat(value)
                .as("available at %s", Instant.ofEpochMilli(millis))
                .isEqualTo(report.at(Instant.ofEpochMilli(millis))));
    assertThat(available.values()).contains(16.0, 0.0);
  }

  @Test
  void jobsPerStateAtTheLastStepAreTheStatesTheJobListingShows() {
    Map<Long, String> siteOfApp = new HashMap<>();
    Map<Long, String> siteName = new HashMap<>();
    DevFixture.results("sites.json")
        .forEach(s -> siteName.put(s.get("id").asLong(), s.get("name").asText()));
    DevFixture.results("apps.json")
        .forEach(a -> siteOfApp.put(a.get("id").asLong(), siteName.get(a.get("site_id").asLong())));
    Map<String, Double> expected = new TreeMap<>();
    for (JsonNode job : DevFixture.results("jobs.json")) {
      expected.merge(
          siteOfApp.get(job.get("app_id").asLong()) + "/" + job.get("state").asText(),
          1.0,
          Double::sum);
    }
    Map<String, Double> last = new TreeMap<>();
    file.atLastStep().values().stream()
        .filter(s -> s.name().equals("balsam_jobs") && s.value() > 0)
        .forEach(s -> last.put(s.labels().get("site") + "/" + s.labels().get("state"), s.value()));
    assertThat(last).isEqualTo(expected);
  }

  @Test
  void failureCountersAtTheLastStepAreTheFixturesFailureEvents() {
    Map<Long, String> siteName = new HashMap<>();
    Map<Long, JsonNode> apps = new HashMap<>();
    Map<Long, Long> appOfJob = new HashMap<>();
    DevFixture.results("sites.json")
        .forEach(s -> siteName.put(s.get("id").asLong(), s.get("name").asText()));
    DevFixture.results("apps.json").forEach(a -> apps.put(a.get("id").asLong(), a));
    DevFixture.results("jobs.json")
        .forEach(j -> appOfJob.put(j.get("id").asLong(), j.get("app_id").asLong()));
    Map<String, Double> expected = new TreeMap<>();
    for (JsonNode event : DevFixture.results("events.json")) {
      JsonNode app = apps.get(appOfJob.get(event.get("job_id").asLong()));
      String where = siteName.get(app.get("site_id").asLong()) + "/" + app.get("name").asText();
      String to = event.get("to_state").asText();
      if (to.equals("RUN_ERROR")) {
        expected.merge(
            "errors/" + where + "/" + event.get("data").get("returncode").asInt(),
            1.0,
            Double::sum);
      } else if (to.equals("FAILED")) {
        String message = event.get("data").path("message").asText();
        String cause = message.contains(".preprocess") ? "preprocess_hook" : "?";
        expected.merge("failures/" + where + "/" + cause, 1.0, Double::sum);
      }
    }
    Map<String, Double> last = new TreeMap<>();
    file.atLastStep().values().stream()
        .filter(s -> s.name().equals("balsam_job_run_errors_total"))
        .forEach(
            s ->
                last.put(
                    "errors/"
                        + s.labels().get("site")
                        + "/"
                        + s.labels().get("app")
                        + "/"
                        + s.labels().get("returncode"),
                    s.value()));
    file.atLastStep().values().stream()
        .filter(s -> s.name().equals("balsam_job_failures_total"))
        .forEach(
            s ->
                last.put(
                    "failures/"
                        + s.labels().get("site")
                        + "/"
                        + s.labels().get("app")
                        + "/"
                        + s.labels().get("cause"),
                    s.value()));
    assertThat(expected).isNotEmpty();
    assertThat(last).isEqualTo(expected);
  }

  @Test
  void jobsAppearWithTheirFirstEvent() {
    Map<Long, Double> jobs = file.sumPerTime("balsam_jobs", l -> true);
    assertThat(jobs.get(file.steps().get(0))).isZero();
    assertThat(jobs.get(file.steps().get(file.steps().size() - 1))).isEqualTo(199.0);
  }

  @Test
  void everyRunThatEndedIsInTheRunDurationHistogramByTheLastStep() {
    long runsEnded =
        DevFixture.results("events.json").stream()
            .filter(e -> e.get("from_state").asText().equals("RUNNING"))
            .count();
    double counted =
        file.atLastStep().values().stream()
            .filter(s -> s.name().equals("balsam_job_run_duration_seconds_count"))
            .mapToDouble(OpenMetricsSamples.Sample::value)
            .sum();
    assertThat(counted).isEqualTo((double) runsEnded).isPositive();
  }

  @Test
  void eachFamilyHasOneHeaderAndItsSamplesTogetherAndTheFileEndsWithEof() {
    List<String> lines = file.lines();
    assertThat(lines.get(lines.size() - 1)).isEqualTo("# EOF");
    assertThat(lines).noneMatch(l -> l.contains("_created"));
    Set<String> typed = new LinkedHashSet<>();
    String current = null;
    Set<String> done = new LinkedHashSet<>();
    for (String line : lines.subList(0, lines.size() - 1)) {
      if (line.startsWith("# TYPE ")) {
        String family = line.split(" ")[2];
        assertThat(typed.add(family)).as("one TYPE for %s", family).isTrue();
        if (current != null) {
          done.add(current);
        }
        current = family;
      } else if (!line.startsWith("#")) {
        // Each sample belongs to the family whose header came last: its samples are together.
        // (Comparing names, not prefixes: balsam_jobs_oldest_... is not of balsam_jobs.)
        String name = line.split("[{ ]")[0];
        assertThat(name)
            .matches(java.util.regex.Pattern.quote(current) + "(_total|_bucket|_count|_sum)?");
        assertThat(done).doesNotContain(current);
      }
    }
    assertThat(typed).containsExactlyInAnyOrderElementsOf(Backfill.FAMILIES);
  }

  @Test
  void eachSeriesHasOneSamplePerStepInIncreasingTime() {
    Map<String, Long> lastTime = new HashMap<>();
    for (OpenMetricsSamples.Sample s : file.samples()) {
      Long before = lastTime.put(s.series(), s.millis());
      if (before != null) {
        assertThat(s.millis()).as(s.series()).isGreaterThan(before);
      }
    }
  }
}

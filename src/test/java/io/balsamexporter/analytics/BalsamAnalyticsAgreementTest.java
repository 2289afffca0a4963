package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.testing.ExpectedCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reports, fed the recorded dev events, equal what the real balsam.analytics computed from the
 * same server: unfiltered, for the recorded scheduler id and for the recorded tag.
 */
class BalsamAnalyticsAgreementTest {
  private static final DevRecords DEV = DevRecords.load();
  private static final ReportFilter SCHEDULER = ReportFilter.NONE.withSchedulerId(6112789);
  private static final ReportFilter TAG = ReportFilter.NONE.withTag("experiment", "md-lipid");

  private static ReportFilter filter(String name) {
    return switch (name) {
      case "" -> ReportFilter.NONE;
      case "_scheduler_6112789" -> SCHEDULER;
      case "_tag_experiment_md-lipid" -> TAG;
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest(name = "throughput {0}{1}")
  @CsvSource({
    "JOB_FINISHED,''",
    "RUN_DONE,''",
    "JOB_FINISHED,_scheduler_6112789",
    "RUN_DONE,_scheduler_6112789",
    "JOB_FINISHED,_tag_experiment_md-lipid",
    "RUN_DONE,_tag_experiment_md-lipid"
  })
  void throughputEqualsBalsam(String state, String suffix) {
    EventScan events = DEV.table(DEV.criteria(filter(suffix)));
    Series series = Reports.throughput(events, events.states().code(state), StateCodes.NONE);
    ExpectedCsv.assertAgrees(series, "throughput_" + state + suffix + ".csv");
  }

  @ParameterizedTest(name = "utilization {0}{1}")
  @CsvSource({
    "nodes,''",
    "jobs,''",
    "nodes,_scheduler_6112789",
    "jobs,_scheduler_6112789",
    "nodes,_tag_experiment_md-lipid",
    "jobs,_tag_experiment_md-lipid"
  })
  void utilizationEqualsBalsam(String weighting, String suffix) {
    EventScan events = DEV.table(DEV.criteria(filter(suffix)));
    Series series =
        Reports.utilization(events, weighting.equals("nodes"), StateCodes.NONE, StateCodes.NONE);
    ExpectedCsv.assertAgrees(series, "utilization_" + weighting + suffix + ".csv");
  }

  @ParameterizedTest(name = "available nodes{0}")
  @CsvSource({"''", "_scheduler_6112789", "_tag_experiment_md-lipid"})
  void availableNodesEqualBalsam(String suffix) {
    Series series = Reports.availableNodes(DEV.criteria(filter(suffix)).batchJobs(DEV.batchJobs()));
    ExpectedCsv.assertAgrees(series, "available_nodes" + suffix + ".csv");
  }

  @ParameterizedTest(name = "intended scheduler filter, {0}")
  @CsvSource({
    "throughput_JOB_FINISHED",
    "throughput_RUN_DONE",
    "utilization_nodes",
    "utilization_jobs"
  })
  void theSchedulerFilterMeansTheJobsThatRanInThatBatchJob(String report) {
    EventTable events = DEV.table(DEV.criteria(SCHEDULER));
    assertThat(events.size()).as("events of the 86 jobs with batch_job_id 1").isEqualTo(442);
    Series series =
        switch (report) {
          case "throughput_JOB_FINISHED" ->
              Reports.throughput(
                  events, events.states().code(JobStates.JOB_FINISHED), StateCodes.NONE);
          case "throughput_RUN_DONE" ->
              Reports.throughput(events, events.states().code(JobStates.RUN_DONE), StateCodes.NONE);
          case "utilization_nodes" ->
              Reports.utilization(events, true, StateCodes.NONE, StateCodes.NONE);
          default -> Reports.utilization(events, false, StateCodes.NONE, StateCodes.NONE);
        };
    ExpectedCsv.assertAgrees(series, "adapter/" + report + "_scheduler_6112789.csv");
  }

  @Test
  void aBatchJobIdSelectsTheSameEventsAsItsSchedulerId() {
    ReportFilter byId =
        new ReportFilter(
            SCHEDULER.jobIds(),
            SCHEDULER.tags(),
            SCHEDULER.fromState(),
            SCHEDULER.toState(),
            SCHEDULER.since(),
            SCHEDULER.until(),
            SCHEDULER.site(),
            java.util.OptionalLong.of(1),
            java.util.OptionalLong.empty());
    assertThat(DEV.table(DEV.criteria(byId)).size()).isEqualTo(442);
  }
}

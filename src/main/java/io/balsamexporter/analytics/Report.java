package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BatchJob;
import java.util.List;

/**
 * A report's answer.
 *
 * @param availableNodes for utilization, the available-nodes report under the same filter, which
 *     the picture draws beneath it; empty otherwise
 */
public record Report(ReportRequest request, Series series, Series availableNodes) {

  /**
   * Runs {@code request} over events and batch jobs already narrowed by its {@link JobCriteria}.
   */
  public static Report of(ReportRequest request, EventScan events, List<BatchJob> batchJobs) {
    ReportFilter filter = request.filter();
    StateCodes states = events.states();
    return switch (request.kind()) {
      case THROUGHPUT ->
          new Report(
              request,
              Reports.throughput(
                  events, states.code(request.throughputState()), code(states, filter.fromState())),
              Series.EMPTY);
      case UTILIZATION ->
          new Report(
              request,
              Reports.utilization(
                  events,
                  request.nodeWeighting(),
                  code(states, filter.fromState()),
                  code(states, filter.toState())),
              Reports.availableNodes(batchJobs));
      case AVAILABLE_NODES -> new Report(request, Reports.availableNodes(batchJobs), Series.EMPTY);
    };
  }

  private static int code(StateCodes states, java.util.Optional<String> state) {
    return state.map(states::code).orElse(StateCodes.NONE);
  }
}

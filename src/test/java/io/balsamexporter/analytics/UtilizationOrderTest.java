package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The details of upstream's utilization_report that the recorded workload barely exercises: which
 * RUNNING event's weight a job keeps, exits without an entry, and the order of ties.
 */
class UtilizationOrderTest {
  private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");

  private static Event event(long id, long job, int second, String from, String to, double nodes) {
    Map<String, Object> data = Double.isNaN(nodes) ? Map.of() : Map.of("num_nodes", nodes);
    return new Event(id, job, T0.plusSeconds(second), from, to, data);
  }

  private static Series utilization(List<Event> events) {
    EventTable table = EventTable.of(events, id -> true, Optional.empty(), Optional.empty());
    return Reports.utilization(table, true, StateCodes.NONE, StateCodes.NONE);
  }

  @Test
  void aRestartedJobKeepsTheWeightOfItsOldestRunningEventForEveryExit() {
    Series series =
        utilization(
            List.of(
                event(1, 1, 10, "PREPROCESSED", "RUNNING", 2.0),
                event(2, 1, 20, "RUNNING", "RUN_TIMEOUT", Double.NaN),
                event(3, 1, 30, "RESTART_READY", "RUNNING", 0.5),
                event(4, 1, 40, "RUNNING", "RUN_DONE", Double.NaN)));
    assertThat(series.values()).containsExactly(2.0, 0.0, 0.5, -1.5);
  }

  @Test
  void amongRunningEventsAtTheSameOldestTimeTheHighestIdWins() {
    Series series =
        utilization(
            List.of(
                event(8, 2, 50, "RESTART_READY", "RUNNING", 4.0),
                event(7, 2, 50, "PREPROCESSED", "RUNNING", 1.0),
                event(9, 2, 60, "RUNNING", "RUN_DONE", Double.NaN)));
    assertThat(series.values()).containsExactly(1.0, 5.0, 1.0);
  }

  @Test
  void anExitWithoutAnEntrySubtractsOne() {
    Series series = utilization(List.of(event(1, 3, 5, "RUNNING", "RUN_DONE", Double.NaN)));
    assertThat(series.values()).containsExactly(-1.0);
  }

  @Test
  void equalTimesAreOrderedByDeltaAndNotMerged() {
    Series series =
        utilization(
            List.of(
                event(1, 4, 0, "PREPROCESSED", "RUNNING", 1.0),
                event(2, 5, 10, "PREPROCESSED", "RUNNING", 3.0),
                event(3, 4, 10, "RUNNING", "RUN_DONE", Double.NaN)));
    assertThat(series.values()).containsExactly(1.0, 0.0, 3.0);
    assertThat(series.micros()[1]).isEqualTo(series.micros()[2]);
  }

  @Test
  void withoutNodeWeightingEveryJobCountsOne() {
    EventTable table =
        EventTable.of(
            List.of(
                event(1, 1, 0, "PREPROCESSED", "RUNNING", 8.0),
                event(2, 1, 5, "RUNNING", "RUN_DONE", Double.NaN)),
            id -> true,
            Optional.empty(),
            Optional.empty());
    assertThat(Reports.utilization(table, false, StateCodes.NONE, StateCodes.NONE).values())
        .containsExactly(1.0, 0.0);
  }
}

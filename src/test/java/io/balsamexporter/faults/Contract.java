package io.balsamexporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

/** The checks every fault ends with, shared by the fault suites. */
final class Contract {
  static final String FAILED = "msg=\"Balsam poll failed\"";
  static final String RECOVERED = "msg=\"Balsam reachable again";

  private Contract() {}

  /**
   * Every sample of Balsam's families equals that of an exporter started now that never saw a
   * fault, and the simulator's own totals: one transition per stored event, one state per job.
   */
  static void recoveredExactly(FaultStack stack, Changes changes, Scrape after) {
    Scrape fresh = stack.fresh();
    assertThat(after.domain()).isNotEmpty();
    assertThat(Scrape.differences(after.domain(), fresh.domain())).isEmpty();
    assertThat(after.sum("balsam_job_transitions_total")).isEqualTo(changes.events());
    assertThat(after.sum("balsam_jobs")).isEqualTo(changes.jobs());
  }

  /** One line when the outage starts, naming its kind, and one when it ends. */
  static void loggedOnce(String log, String kind) {
    assertThat(log.lines().filter(l -> l.contains(FAILED)))
        .singleElement()
        .asString()
        .contains("kind=" + kind);
    assertThat(log.lines().filter(l -> l.contains(RECOVERED))).hasSize(1);
  }

  /** Polls of every result. */
  static double allPolls(Scrape scrape) {
    return Stream.of(
            "success",
            "unreachable",
            "unauthorized",
            "server_error",
            "client_error",
            "bad_response")
        .mapToDouble(scrape::polls)
        .sum();
  }
}

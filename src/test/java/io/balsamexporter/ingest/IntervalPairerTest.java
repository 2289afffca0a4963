package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IntervalPairerTest {
  private static final long S = 1_000_000;
  private final IntervalPairer pairer = new IntervalPairer();

  @Test
  void anEndAfterItsStartClosesTheIntervalWithTheEndsOutcome() {
    assertThat(pairer.start(1, 10 * S)).isEmpty();
    assertThat(pairer.end(1, 25 * S, "RUN_DONE"))
        .contains(new IntervalPairer.Closed(15.0, "RUN_DONE"));
    assertThat(pairer.openJobs()).isZero();
  }

  @Test
  void anEndThatArrivesBeforeItsStartWaitsForIt() {
    assertThat(pairer.end(1, 25 * S, "RUN_TIMEOUT")).isEmpty();
    assertThat(pairer.start(1, 10 * S)).contains(new IntervalPairer.Closed(15.0, "RUN_TIMEOUT"));
    assertThat(pairer.openJobs()).isZero();
  }

  @Test
  void restartedJobsPairEachRunWithItsOwnEndWhateverTheArrivalOrder() {
    // RUNNING@10, RUN_TIMEOUT@20, RUNNING@30, RUN_DONE@45, arriving shuffled.
    assertThat(pairer.end(1, 45 * S, "RUN_DONE")).isEmpty();
    assertThat(pairer.start(1, 30 * S)).contains(new IntervalPairer.Closed(15.0, "RUN_DONE"));
    assertThat(pairer.end(1, 20 * S, "RUN_TIMEOUT")).isEmpty();
    assertThat(pairer.start(1, 10 * S)).contains(new IntervalPairer.Closed(10.0, "RUN_TIMEOUT"));
    assertThat(pairer.openJobs()).isZero();
  }

  @Test
  void jobsArePairedSeparately() {
    pairer.start(1, 10 * S);
    assertThat(pairer.end(2, 20 * S, "RUN_DONE")).isEmpty();
    assertThat(pairer.openJobs()).isEqualTo(2);
  }

  @Test
  void anEndBeforeEveryStartDoesNotPairWithALaterStart() {
    pairer.end(1, 5 * S, "RUN_DONE");
    assertThat(pairer.start(1, 10 * S)).isEmpty();
  }
}

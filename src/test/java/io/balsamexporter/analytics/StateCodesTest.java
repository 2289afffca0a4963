package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.JobStates;
import org.junit.jupiter.api.Test;

/** Each journal codes the states it meets; Balsam's own keep one code everywhere. */
class StateCodesTest {

  @Test
  void balsamsStatesHaveTheSameCodesInEveryTable() {
    StateCodes one = new StateCodes();
    StateCodes other = new StateCodes();
    other.code("NOT_A_BALSAM_STATE");

    for (String state : JobStates.ALL) {
      assertThat(other.code(state)).as(state).isEqualTo(one.code(state));
    }
    assertThat(one.code(JobStates.RUNNING)).isEqualTo(StateCodes.RUNNING);
  }

  @Test
  void aStateOneTableMetTakesNoCodeInAnother() {
    StateCodes met = new StateCodes();
    StateCodes fresh = new StateCodes();

    int code = met.code("ODD_STATE");

    assertThat(met.name(code)).isEqualTo("ODD_STATE");
    assertThat(fresh.existing("ODD_STATE")).isEqualTo(StateCodes.NONE);
    assertThat(fresh.name(code)).isEmpty();
  }

  @Test
  void aFullTableGivesNoMoreCodesAndKeepsTheOnesItGave() {
    StateCodes states = new StateCodes();
    int first = states.code("ODD_0");
    for (int i = 1; i < 300; i++) {
      states.code("ODD_" + i);
    }

    assertThat(states.code("ODD_299")).isEqualTo(StateCodes.NONE);
    assertThat(states.code("ODD_0")).isEqualTo(first);
    assertThat(states.name(254)).isNotEmpty();
    assertThat(states.name(255)).isEmpty();
  }
}

package io.balsamexporter.sim.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The simulated failures look as a Balsam 0.7 site writes them (balsam-api.md §5, §8.9). */
class FailuresTest {

  @Test
  void runErrorsCarryTheExitCodesARealSiteRecordsWithSeveralLinesOfTail() {
    Set<Integer> codes = new TreeSet<>();
    for (int kind = 0; kind < Failures.RUN_ERROR_KINDS; kind++) {
      Map<String, Object> data = Failures.runError(kind, kind * 97);
      assertThat(data).containsOnlyKeys("returncode", "error");
      codes.add((Integer) data.get("returncode"));
      assertThat(((String) data.get("error")).lines().count()).isGreaterThanOrEqualTo(2);
      assertThat(((String) data.get("error")).lines().count()).isLessThanOrEqualTo(10);
    }
    assertThat(codes).containsExactly(-9, 1, 2, 3, 9, 134, 137, 139);
  }

  @Test
  void theMpiKillIsTenLinesOfMpiexecsBanner() {
    String tail = (String) Failures.runError(4, 5).get("error");
    assertThat(tail.lines().count()).isEqualTo(10);
    assertThat(tail)
        .contains("BAD TERMINATION OF ONE OF YOUR APPLICATION PROCESSES", "EXIT CODE: 9");
  }

  @Test
  void hookAndLauncherFailuresNameWhereTheExceptionCameFrom() {
    assertThat(Failures.preprocessFailure("SimulateMD", 1).get("message"))
        .isEqualTo("An exception occured in <bound method SimulateMD.preprocess>");
    assertThat(Failures.postprocessFailure("SimulateMD", 1).get("message"))
        .isEqualTo("An exception occured in <bound method SimulateMD.postprocess>");
    assertThat(Failures.launchFailure(1)).containsKeys("message", "exception");
  }
}

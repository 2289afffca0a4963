package io.balsamexporter.sim.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProfileTest {

  @Test
  void aProfileBuiltWithoutAStepNamesTheStepInsteadOfDefaultingIt() {
    Profile.Builder unfinished =
        Profile.builder("short").sites(1).burstEvery(Duration.ofSeconds(1)).jobsPerBurst(1, 2);

    assertThatThrownBy(unfinished::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("profile short lacks the step runTime");
  }

  @Test
  void eachStepSetsTheComponentsItNames() {
    Profile demo = Profile.demo();

    assertThat(demo.burstMinJobs()).isEqualTo(8);
    assertThat(demo.burstMaxJobs()).isEqualTo(60);
    assertThat(demo.stallProbability()).isEqualTo(0.04);
    assertThat(demo.stallMin()).isEqualTo(Duration.ofSeconds(5));
    assertThat(demo.stallMax()).isEqualTo(Duration.ofSeconds(20));
    assertThat(demo.runErrorProbability()).isEqualTo(0.03);
    assertThat(demo.retryAfterErrorProbability()).isEqualTo(0.5);
  }
}

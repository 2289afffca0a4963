package io.balsamexporter.sim.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.balsamexporter.sim.cost.ServerPace;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The pace the simulator can be held to: the real server's time for what a request costs, scaled.
 * Timed only from below (a paced answer takes at least its time), which a busy machine cannot
 * break.
 */
class ServerPaceTest {
  private static final ServerPace REAL = new ServerPace(1);

  @Test
  void atScaleOneTheMeasuredRequestsTakeWhatTheyTookOnTheRealServer() {
    // A count of all 5,027,950 events, the first page of 100,000 of them, and the same for jobs.
    assertThat(seconds(REAL.of("/events/", 5_027_950, 0))).isCloseTo(5.8, within(0.001));
    assertThat(seconds(REAL.of("/events/", 5_027_950, 100_000))).isCloseTo(15.6, within(0.001));
    assertThat(seconds(REAL.of("/jobs/", 995_450, 0))).isCloseTo(0.7, within(0.001));
    // A page of jobs is a count and a select, each visiting every job.
    assertThat(seconds(REAL.of("/jobs/", 2 * 995_450, 100_000))).isCloseTo(3.8, within(0.001));
  }

  @Test
  void aScaleTakesThatShareAndSmallTablesAreFree() {
    assertThat(seconds(new ServerPace(0.1).of("/events/", 5_027_950, 100_000)))
        .isCloseTo(1.56, within(0.001));
    assertThat(ServerPace.NONE.of("/events/", 5_027_950, 100_000)).isZero();
    assertThat(REAL.of("/sites/", 10, 10)).isZero();
    assertThat(REAL.of("/batch-jobs/", 5_000, 5_000)).isZero();
  }

  @Test
  void aScaleThatIsNoShareIsRefused() {
    for (double bad : new double[] {-0.1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new ServerPace(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("pace scale");
    }
  }

  @Test
  void aPacedSimulatorAnswersNoSoonerThanTheModelSays() {
    try (SimHarness dev = SimHarness.withDevFixtures()) {
      String token = dev.login();
      long events = dev.store.read(d -> (long) d.events.size());
      // Scaled so that a count of the dev workload's events takes 200 ms.
      double scale = 0.2 / seconds(REAL.of("/events/", events, 0));
      dev.simulator.pace(new ServerPace(scale));

      long started = System.nanoTime();
      dev.http.get("/events/?limit=0", token);
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(200));
      dev.simulator.pace(ServerPace.NONE);
    }
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}

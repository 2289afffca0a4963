package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's clock as a page tells it: its {@code Date}, less the time the answer took. */
class ServerTimeTest {

  @Test
  void theDateHeaderLessTheRoundTripIsALowerBoundOfTheServersClock() {
    assertThat(
            BalsamResponse.serverTime(
                Optional.of("Thu, 26 Nov 2026 09:25:28 GMT"), Duration.ofMillis(250)))
        .contains(Instant.parse("2026-11-26T09:25:27.750Z"));
  }

  @Test
  void noOrAnUnreadableDateTellsNothing() {
    assertThat(BalsamResponse.serverTime(Optional.empty(), Duration.ZERO)).isEmpty();
    assertThat(BalsamResponse.serverTime(Optional.of("yesterday"), Duration.ZERO)).isEmpty();
  }

  @Test
  void aPageFromTheSimulatorCarriesItsClockNotTheMachines() throws BalsamException {
    try (SimHarness balsam = SimHarness.withDevFixtures()) {
      Instant before = balsam.clock.instant();
      Page<Site> page = balsam.client(100, (endpoint, code) -> {}).sites(Query.of());
      assertThat(page.serverTime()).isPresent();
      assertThat(page.serverTime().get()).isBetween(before.minusSeconds(61), before.plusSeconds(1));
    }
  }
}

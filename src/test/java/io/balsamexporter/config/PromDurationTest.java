package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PromDurationTest {

  @ParameterizedTest(name = "{0} is {1} ms")
  @CsvSource({
    "500ms, 500",
    "15s, 15000",
    "10m, 600000",
    "1h30m, 5400000",
    "2d, 172800000",
    "1w, 604800000",
    "1y, 31536000000",
    "0s, 0",
    "1m30s250ms, 90250",
    "90m, 5400000",
  })
  void prometheusDurationsParseToTheirLength(String text, long millis) {
    assertThat(PromDuration.parse(text)).isEqualTo(Duration.ofMillis(millis));
  }

  @ParameterizedTest(name = "\"{0}\" is rejected")
  @ValueSource(
      strings = {"", "15", "0", "1.5s", "-5s", "15 s", "15S", "30m1h", "1h1h", "s", "1sec", " 15s"})
  void everythingElseIsRejectedWithTheExpectedForm(String text) {
    assertThatThrownBy(() -> PromDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("must be a duration like 500ms, 15s, 10m, 1h30m or 2d");
  }

  @Test
  void aDurationTooLongForJavaIsRejectedRatherThanWrapped() {
    assertThatThrownBy(() -> PromDuration.parse("999999999999999999y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too long");
  }

  @ParameterizedTest(name = "{0} formats back to itself")
  @ValueSource(strings = {"500ms", "15s", "10m", "1h30m", "2d", "1w", "0s", "1d2h3m4s5ms"})
  void formattingGivesTheShortestFormBack(String text) {
    assertThat(PromDuration.format(PromDuration.parse(text))).isEqualTo(text);
  }
}

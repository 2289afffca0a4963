package io.balsamexporter.sim.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DateTimeParamTest {
  private static final Instant AT = Instant.parse("2026-11-26T09:07:19.817042Z");

  @Test
  void naiveIsoIsUtc() {
    assertThat(DateTimeParam.parse("2026-11-26T09:07:19.817042")).hasValue(AT);
  }

  @Test
  void offsetsAreConvertedToUtc() {
    assertThat(DateTimeParam.parse("2026-11-26T09:07:19.817042Z")).hasValue(AT);
    assertThat(DateTimeParam.parse("2026-11-26T11:07:19.817042+02:00")).hasValue(AT);
    assertThat(DateTimeParam.parse("2026-11-26T04:07:19.817042-0500")).hasValue(AT);
  }

  @Test
  void spaceSeparatorShortFractionAndMissingSecondsAreAccepted() {
    assertThat(DateTimeParam.parse("2026-11-26 09:07:19.8"))
        .hasValue(Instant.parse("2026-11-26T09:07:19.800Z"));
    assertThat(DateTimeParam.parse("2026-11-26T09:07"))
        .hasValue(Instant.parse("2026-11-26T09:07:00Z"));
  }

  @Test
  void digitsBeyondMicrosecondsAreDropped() {
    assertThat(DateTimeParam.parse("2026-11-26T09:07:19.817042999")).hasValue(AT);
  }

  @Test
  void epochSecondsAndMillisecondsAreAccepted() {
    assertThat(DateTimeParam.parse("1795684039.817042")).hasValue(AT);
    assertThat(DateTimeParam.parse("1795684039817"))
        .hasValue(Instant.parse("2026-11-26T09:07:19.817Z"));
  }

  @Test
  void somethingElseIsRejected() {
    assertThat(DateTimeParam.parse("yesterday")).isEmpty();
    assertThat(DateTimeParam.parse("2026-11-26")).isEmpty();
    assertThat(DateTimeParam.parse("2026-13-26T09:07:19")).isEmpty();
    assertThat(DateTimeParam.parse("")).isEmpty();
    // An unencoded '+' arrives as a space and breaks the offset, as on the real server.
    assertThat(DateTimeParam.parse("2026-11-26T11:07:19 02:00")).isEmpty();
  }
}

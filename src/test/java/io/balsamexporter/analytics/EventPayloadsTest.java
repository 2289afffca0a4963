package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.analytics.EventPayloads.Payload;
import io.balsamexporter.balsam.Event;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payloads come back as Balsam holds them while memory stays bounded: none, node weights and
 * repeated messages cost nothing an event; distinct ones are held for the most recent events and
 * said to be missing after.
 */
class EventPayloadsTest {
  private static final Instant T = Instant.parse("2026-12-01T00:00:00Z");
  private static final StateCodes STATES = new StateCodes();

  private static Event event(long id, String to, Map<String, Object> data) {
    return new Event(id, 1, T, "RUNNING", to, data);
  }

  private static Payload addAndResolve(EventPayloads payloads, Event event, double nodes) {
    int code = payloads.add(event, (int) event.id());
    int to = STATES.code(event.toState());
    return payloads.resolve((int) event.id(), to, code, nodes);
  }

  @Test
  void noPayloadAndANodeWeightAreRebuiltWithoutBeingHeld() {
    EventPayloads payloads = new EventPayloads(10);

    assertThat(addAndResolve(payloads, event(1, "RUN_DONE", Map.of()), Double.NaN))
        .isEqualTo(new Payload.Known(Map.of(), false));
    assertThat(addAndResolve(payloads, event(2, "RUNNING", Map.of("num_nodes", 0.5)), 0.5))
        .isEqualTo(new Payload.Known(Map.of("num_nodes", 0.5), false));
    assertThat(payloads.distinctHeld()).isZero();
  }

  @Test
  void aRepeatedMessageIsSharedAndNeverForgotten() {
    EventPayloads payloads = new EventPayloads(1);
    Map<String, Object> skipped = Map.of("message", "Skipped stage in");
    int first = payloads.add(event(1, "STAGED_IN", skipped), 1);
    for (long id = 2; id < 1000; id++) {
      String tail = "x".repeat(EventPayloads.MAX_SHARED_CHARS) + id;
      payloads.add(event(id, "RUN_ERROR", Map.of("returncode", 1, "error", tail)), (int) id);
    }

    assertThat(first).isNotIn(EventPayloads.NONE, EventPayloads.DISTINCT);
    assertThat(payloads.resolve(1, STATES.code("STAGED_IN"), first, Double.NaN))
        .isEqualTo(new Payload.Known(skipped, false));
    assertThat(payloads.distinctHeld()).isEqualTo(1);
  }

  @Test
  void onlyTheMostRecentDistinctPayloadsAreHeldAndAnOlderOneIsMissing() {
    EventPayloads payloads = new EventPayloads(2);
    int errorState = STATES.code("RUN_ERROR");
    for (long id = 1; id <= 3; id++) {
      String tail = "x".repeat(300) + id;
      payloads.add(event(id, "RUN_ERROR", Map.of("returncode", -9, "error", tail)), (int) id);
    }

    assertThat(payloads.resolve(1, errorState, EventPayloads.DISTINCT, Double.NaN))
        .isEqualTo(new Payload.Missing());
    assertThat(payloads.resolve(3, errorState, EventPayloads.DISTINCT, Double.NaN))
        .isEqualTo(
            new Payload.Known(Map.of("returncode", -9, "error", "x".repeat(300) + 3), false));
  }

  @Test
  void aRunningEventWithMoreThanItsWeightIsMissingOnceForgottenNotRebuilt() {
    EventPayloads payloads = new EventPayloads(0);
    Event odd = event(7, "RUNNING", Map.of("num_nodes", 1.0, "note", "from a custom launcher"));

    assertThat(addAndResolve(payloads, odd, 1.0)).isEqualTo(new Payload.Missing());
  }

  @Test
  void sharedCodesStopAtTheirBoundAndTheRestIsHeldAsDistinct() {
    EventPayloads payloads = new EventPayloads(5);
    int last = 0;
    for (int i = 0; i <= EventPayloads.MAX_SHARED + 10; i++) {
      last = payloads.add(event(i + 1, "STAGED_IN", Map.of("message", "m" + i)), i + 1);
    }

    assertThat(last).isEqualTo(EventPayloads.DISTINCT);
    assertThat(payloads.bytes()).isLessThan(2_000_000);
  }
}

package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.testing.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The overview before the first sync ends: it says how far the sync got, and shows no card. */
class OverviewTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-26T09:30:00Z"));
  private boolean synced;
  private final EventJournal journal = new EventJournal(() -> synced, clock);
  private final Overview overview =
      new Overview(journal, clock, () -> new Overview.Status(synced, null, null));

  /** One page of a first sync: events counted, no state yet. */
  private void page(long id, String time) {
    Event event = new Event(id, id, Instant.parse(time), "READY", "STAGED_IN", Map.of());
    PollUpdate update =
        new PollUpdate(
            List.of(),
            List.of(new PollUpdate.CountedEvent(event, "theta", List.of(), false)),
            List.of(),
            List.of(),
            0,
            Optional.empty());
    journal.apply(update);
    overview.apply(update);
  }

  @Test
  void whileTheFirstSyncRunsItSaysHowFarItGotAndShowsNoCard() throws Exception {
    page(1, "2026-11-26T08:00:00Z");
    page(2, "2026-11-26T08:05:00.5Z");

    Map<String, Object> out = overview.build("day", 900);

    @SuppressWarnings("unchecked")
    Map<String, Object> status = (Map<String, Object>) out.get("status");
    assertThat(status)
        .containsEntry("synced", false)
        .containsEntry("events_read", 2L)
        .containsEntry("reached", "2026-11-26T08:05:00.500000Z")
        .containsEntry("unreachable_since", null);
    assertThat(out.get("sites")).isEqualTo(List.of());
    assertThat(out).doesNotContainKey("picture");
  }

  @Test
  void aRangeItDoesNotOfferIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> overview.build("fortnight", 900))
        .isInstanceOf(ReportException.class)
        .hasMessageContaining("hour, day, week or campaign");
  }
}

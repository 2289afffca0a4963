package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLedgerTest {
  private static final Instant T = Instant.parse("2026-11-26T09:07:19.817042Z");
  private final EventLedger ledger = new EventLedger();

  @Test
  void anEventIsRecordedOnlyOnce() {
    assertThat(ledger.record(7, T)).isTrue();
    assertThat(ledger.record(7, T)).isFalse();
    assertThat(ledger.isCounted(7)).isTrue();
    assertThat(ledger.countedEvents()).isEqualTo(1);
  }

  @Test
  void talliesCountEventsPerMinuteOfEventTime() {
    ledger.record(1, T);
    ledger.record(2, T.plusSeconds(30));
    ledger.record(3, T.plusSeconds(120));
    long minute = EventLedger.minuteOf(T);
    // 09:07:19 and 09:07:49 share a minute; 09:09:19 lies two minutes on.
    assertThat(ledger.countInMinutes(minute, minute + 1)).isEqualTo(2);
    assertThat(ledger.countInMinutes(minute + 1, minute + 2)).isZero();
    assertThat(ledger.countInMinutes(minute, minute + 3)).isEqualTo(3);
  }

  @Test
  void theNewestEventTimeIgnoresLateArrivals() {
    ledger.record(2, T.plusSeconds(60));
    ledger.record(1, T);
    assertThat(ledger.newest()).isEqualTo(T.plusSeconds(60));
  }

  @Test
  void replacedTalliesForgetDeletedEventsButKeepTheirIdsCounted() {
    ledger.record(1, T);
    ledger.record(2, T);
    long minute = EventLedger.minuteOf(T);
    ledger.replaceTallies(minute, minute + 1, Map.of(minute, 1));
    assertThat(ledger.countInMinutes(minute, minute + 1)).isEqualTo(1);
    assertThat(ledger.isCounted(2)).isTrue();
  }

  @Test
  void anEventRecordedAfterItsMinuteWasReplacedCountsOnTheNewTally() {
    ledger.record(1, T);
    long minute = EventLedger.minuteOf(T);
    ledger.replaceTallies(minute, minute + 1, Map.of(minute, 5));
    ledger.record(3, T.plusSeconds(1));
    ledger.record(4, T.plusSeconds(60));
    ledger.record(5, T.plusSeconds(2));
    assertThat(ledger.countInMinutes(minute, minute + 1)).isEqualTo(7);
    assertThat(ledger.countInMinutes(minute + 1, minute + 2)).isEqualTo(1);
  }

  @Test
  void idsBeyondThirtyTwoBitsAreCountedOnceLikeAnyOther() {
    // A bigserial id column goes past 2^32; the ledger must not fail the poll that meets one.
    // Ids on both sides of 2^31 and 2^32, where the two bitmaps meet.
    long[] ids = {
      (1L << 31) - 1,
      1L << 31,
      (1L << 32) - 1,
      1L << 32,
      (1L << 32) + 1,
      (1L << 40) + 3,
      Long.MAX_VALUE
    };
    for (long id : ids) {
      assertThat(ledger.isCounted(id)).isFalse();
      assertThat(ledger.record(id, T)).isTrue();
      assertThat(ledger.record(id, T)).isFalse();
      assertThat(ledger.isCounted(id)).isTrue();
    }
    assertThat(ledger.isCounted((1L << 40) + 4)).isFalse();
    assertThat(ledger.isCounted(1)).isFalse();
    assertThat(ledger.isCounted((1L << 32) + 2)).isFalse();
    assertThat(ledger.countedEvents()).isEqualTo(ids.length);
  }
}

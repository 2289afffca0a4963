package io.balsamexporter.sim.listing;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTimeIndexTest {
  private static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

  @Test
  void noEventBeforeTheScanStartIsAtOrAfterTheBound() {
    List<Event> events = eventsWithLateArrivals(5_000, new Random(7));
    EventTimeIndex index = new EventTimeIndex();

    for (int i = 0; i < events.size(); i += 97) {
      Instant bound = events.get(i).timestamp();
      int start = index.scanStart(events, bound);

      assertThat(events.subList(0, start)).allMatch(e -> e.timestamp().isBefore(bound));
      assertThat(start).isLessThanOrEqualTo(i);
    }
  }

  @Test
  void scanSkipsWholeBlocksOfOlderEvents() {
    List<Event> events = eventsWithLateArrivals(10 * EventTimeIndex.BLOCK, new Random(11));
    Instant bound = events.get(events.size() - 10).timestamp();

    int start = new EventTimeIndex().scanStart(events, bound);

    assertThat(start).isGreaterThanOrEqualTo(8 * EventTimeIndex.BLOCK);
  }

  @Test
  void boundAfterEveryEventStartsAtTheEnd() {
    List<Event> events = eventsWithLateArrivals(3_000, new Random(3));

    assertThat(new EventTimeIndex().scanStart(events, START.plus(Duration.ofDays(1))))
        .isGreaterThanOrEqualTo(2 * EventTimeIndex.BLOCK)
        .isLessThanOrEqualTo(events.size());
  }

  @Test
  void eventsAppendedLaterAreIndexedToo() {
    Random random = new Random(5);
    List<Event> events = eventsWithLateArrivals(1_500, random);
    EventTimeIndex index = new EventTimeIndex();
    index.scanStart(events, START);
    Instant late = events.get(10).timestamp();
    events.add(new Event(events.size() + 1, 1, late, "RUNNING", "RUN_DONE", Map.of()));

    int start = index.scanStart(events, late);

    assertThat(events.subList(0, start)).allMatch(e -> e.timestamp().isBefore(late));
  }

  @Test
  void tableChangedInPlaceIsReindexed() {
    List<Event> events = eventsWithLateArrivals(2_500, new Random(9));
    EventTimeIndex index = new EventTimeIndex();
    index.scanStart(events, START);
    Instant early = START.minus(Duration.ofHours(1));
    Event first = events.get(0);
    events.set(events.size() - 1, new Event(first.id(), 1, early, "A", "B", Map.of()));
    events.set(0, new Event(first.id(), 1, early, "A", "B", Map.of()));

    assertThat(index.scanStart(events, early)).isZero();
  }

  /** Mostly increasing timestamps, with one in ten arriving up to 20 s late. */
  private static List<Event> eventsWithLateArrivals(int count, Random random) {
    List<Event> events = new ArrayList<>();
    Instant clock = START;
    for (int i = 0; i < count; i++) {
      clock = clock.plusMillis(1 + random.nextInt(50));
      Instant stamp = random.nextInt(10) == 0 ? clock.minusMillis(random.nextInt(20_000)) : clock;
      events.add(new Event(i + 1, 1 + random.nextInt(100), stamp, "A", "B", Map.of()));
    }
    return events;
  }
}

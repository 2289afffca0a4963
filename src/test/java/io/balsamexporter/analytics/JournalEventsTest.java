package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The journal's columns stay in (timestamp, id) order whatever order events arrive in. */
class JournalEventsTest {

  @Test
  void eventsArrivingInAnyOrderAreWalkedInTimestampThenIdOrder() {
    int n = JournalChunk.CAPACITY * 5 + 17;
    List<long[]> events = new ArrayList<>();
    Random random = new Random(42);
    for (int id = 1; id <= n; id++) {
      // Few distinct times, so ties are common and must fall back to the id.
      events.add(new long[] {random.nextInt(n / 3), id});
    }
    List<long[]> arrival = new ArrayList<>(events);
    // Mostly in order, with a tail of late ones shuffled in, as a poll delivers them.
    arrival.sort((a, b) -> Long.compare(a[0], b[0]));
    Collections.shuffle(arrival.subList(n / 2, n), random);
    JournalEvents journal = new JournalEvents();
    for (long[] e : arrival) {
      journal.add(e[0], (int) e[1], (int) e[1], 0);
    }
    List<long[]> walked = new ArrayList<>();
    journal.forEach(
        Long.MIN_VALUE, Long.MAX_VALUE, (t, id, job, p) -> walked.add(new long[] {t, id}));

    events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
    assertThat(walked).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(walked.get(i)).as("event %d", i).containsExactly(events.get(i));
    }
    assertThat(journal.size()).isEqualTo(n);
  }

  @Test
  void aTimeRangeIsInclusiveAtBothEnds() {
    JournalEvents journal = new JournalEvents();
    for (int t = 0; t < 10; t++) {
      journal.add(t, t + 1, 0, 0);
    }
    List<Long> times = new ArrayList<>();
    journal.forEach(3, 6, (t, id, job, p) -> times.add(t));
    assertThat(times).containsExactly(3L, 4L, 5L, 6L);
  }

  @Test
  void newestFirstWithinATimeRangeIsTheWholeWalkFilteredWhereverTheBoundsFall() {
    JournalEvents journal = new JournalEvents();
    Random random = new Random(7);
    int n = JournalChunk.CAPACITY * 6;
    for (int id = 1; id <= n; id++) {
      journal.add(random.nextInt(n / 4), id, 0, 0);
    }
    List<long[]> all = new ArrayList<>();
    journal.forEachDescending(
        Long.MIN_VALUE, Long.MAX_VALUE, (t, id, job, p) -> all.add(new long[] {t, id}));
    long[][] ranges = {{0, n}, {100, 200}, {n / 8, n / 8}, {n / 5, n / 4 + 9}, {-5, 3}, {9, 2}};
    for (long[] range : ranges) {
      List<long[]> expected = new ArrayList<>();
      for (long[] e : all) {
        if (e[0] >= range[0] && e[0] <= range[1]) {
          expected.add(e);
        }
      }
      List<long[]> walked = new ArrayList<>();
      journal.forEachDescending(
          range[0], range[1], (t, id, job, p) -> walked.add(new long[] {t, id}));
      assertThat(walked).as("range %d..%d", range[0], range[1]).hasSameSizeAs(expected);
      for (int i = 0; i < walked.size(); i++) {
        assertThat(walked.get(i)).containsExactly(expected.get(i));
      }
    }
  }

  @Test
  void newestFirstKeepsAscendingIdsWithinEqualTimesEvenAcrossChunks() {
    JournalEvents journal = new JournalEvents();
    int n = JournalChunk.CAPACITY * 3;
    List<long[]> events = new ArrayList<>();
    for (int id = 1; id <= n; id++) {
      // Runs of 5,000 equal times: each spans a chunk boundary.
      events.add(new long[] {id / 5_000, id});
      journal.add(id / 5_000, id, id, 0);
    }
    List<long[]> walked = new ArrayList<>();
    journal.forEachDescending(1, 2, (t, id, job, p) -> walked.add(new long[] {t, id}));

    List<long[]> expected = new ArrayList<>();
    for (long[] e : events) {
      if (e[0] >= 1 && e[0] <= 2) {
        expected.add(e);
      }
    }
    expected.sort((a, b) -> a[0] != b[0] ? Long.compare(b[0], a[0]) : Long.compare(a[1], b[1]));
    assertThat(walked).hasSize(expected.size()).hasSizeGreaterThan(JournalChunk.CAPACITY);
    for (int i = 0; i < expected.size(); i++) {
      assertThat(walked.get(i)).as("event %d", i).containsExactly(expected.get(i));
    }
  }
}

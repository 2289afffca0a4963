package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a poll starts to list the changed jobs. */
class JobSyncCursorTest {
  private static final Instant NEWEST = Instant.parse("2026-11-26T09:25:25Z");

  @Test
  void withoutTheServersTimeTheOverlapBeforeTheNewestUpdateIsReadAgain() {
    assertThat(JobSync.listFrom(NEWEST, Optional.empty()))
        .isEqualTo(NEWEST.minus(JobSync.COMMIT_OVERLAP));
  }

  @Test
  void whileTheServersClockIsNearTheNewestUpdateTheOverlapStays() {
    assertThat(JobSync.listFrom(NEWEST, Optional.of(NEWEST.plusSeconds(10))))
        .isEqualTo(NEWEST.minus(JobSync.COMMIT_OVERLAP));
  }

  @Test
  void onceTheServersClockMovedOnNothingOlderThanItsMarginsIsReadAgain() {
    Instant listed = NEWEST.plusSeconds(600);
    assertThat(JobSync.listFrom(NEWEST, Optional.of(listed)))
        .isEqualTo(listed.minus(JobSync.COMMIT_OVERLAP).minus(JobSync.SERVER_CLOCK_MARGIN));
  }
}

package io.balsamexporter.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private static final Instant AT = Instant.parse("2026-11-26T09:00:00Z");

  @Test
  void theLineIsRewrittenInPlaceAtMostOncePerIntervalAndEndedOnce() {
    AtomicLong nanos = new AtomicLong();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Progress progress =
        Progress.on(
            "backfill",
            new PrintStream(err, true, StandardCharsets.UTF_8),
            nanos::get,
            Duration.ofSeconds(1));

    progress.read(100, AT);
    nanos.addAndGet(Duration.ofMillis(500).toNanos());
    progress.read(100, AT.plusSeconds(60));
    nanos.addAndGet(Duration.ofMillis(600).toNanos());
    progress.read(100, AT.plusSeconds(120));
    progress.done();

    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "\rbackfill: 100 events read, up to 2026-11-26T09:00:00Z"
                + "\rbackfill: 300 events read, up to 2026-11-26T09:02:00Z"
                + "\rbackfill: 300 events read\n");
  }

  @Test
  void offShowsNothing() {
    Progress.OFF.read(100, AT);
    Progress.OFF.done();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Progress notAsked =
        Progress.of("report", new PrintStream(err, true, StandardCharsets.UTF_8), false);
    notAsked.read(100, AT);
    notAsked.done();
    // Tests run without a terminal: unasked, nothing is shown.
    assertThat(err.size()).isZero();
  }
}

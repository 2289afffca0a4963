package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.testing.ManualClock;
import io.balsamexporter.testing.SimHarness;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class FirstSyncProgressTest {
  @AutoClose private final SimHarness balsam = SimHarness.withDevFixtures();

  @Test
  void aLongFirstSyncLogsHowFarItGotFromTimeToTime() {
    Poller poller =
        new Poller(
                balsam.client(300, RequestObserver.NONE),
                new IngestSettings(300, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
                ManualClock.ticking(SimHarness.RECORDED_AT, Poller.PROGRESS_EVERY.plusSeconds(1)))
            .subscribe(new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50).domain());
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      assertThat(poller.pollOnce().ok()).isTrue();
    } finally {
      System.setErr(stderr);
    }

    // 836 events in pages of 300, each page read more than the interval after the last line.
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains("msg=\"first sync in progress\" events_read=300 reached=2026-11-26T09:08:09")
        .contains("msg=\"first sync in progress\" events_read=600 reached=2026-11-26T09:10:09")
        .contains("msg=\"first sync in progress\" events_read=836 reached=2026-11-26T09:12:01");
  }
}

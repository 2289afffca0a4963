package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code --events.since}: history before it is neither read nor counted, late or not. */
class EventsSinceTest {
  private static final Instant SINCE = Instant.parse("2026-11-26T09:10:00.5Z");

  private final SimHarness balsam = SimHarness.withDevFixtures();
  private final AtomicInteger requests = new AtomicInteger();
  private final ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
  private final Poller poller = poller(Duration.ofMinutes(10));

  private Poller poller(Duration lateWindow) {
    return poller(lateWindow, IngestSettings.DEFAULT_CHECK_INTERVAL);
  }

  private Poller poller(Duration lateWindow, Duration checkInterval) {
    return new Poller(
            balsam.client(10_000, (endpoint, code) -> requests.incrementAndGet()),
            new IngestSettings(10_000, 10_000, lateWindow, SINCE, List.of(), checkInterval),
            balsam.clock)
        .subscribe(metrics.domain());
  }

  @AfterEach
  void stop() {
    balsam.close();
  }

  private static long recordedEventsSince(Instant since) {
    return DevFixture.results("events.json").stream()
        .filter(e -> !BalsamTime.parse(e.get("timestamp").asText()).isBefore(since))
        .count();
  }

  private double transitions() {
    return new Samples(metrics.scrape()).sum("balsam_job_transitions");
  }

  private void lateRun(String preprocessedJobState, Instant siteTime) {
    long job =
        DevFixture.results("jobs.json").stream()
            .filter(j -> j.get("state").asText().equals(preprocessedJobState))
            .filter(j -> j.get("id").asLong() > 100)
            .findFirst()
            .orElseThrow()
            .get("id")
            .asLong();
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(JobUpdate.state(job, "RUNNING", siteTime, Map.of("num_nodes", 1.0))));
  }

  @Test
  void onlyEventsAtOrAfterSinceAreCounted() {
    assertThat(poller.pollOnce().ok()).isTrue();
    long expected = recordedEventsSince(SINCE);
    assertThat(expected).isBetween(1L, 835L);
    assertThat(transitions()).isEqualTo(expected);
  }

  @Test
  void theCountCheckStartsAtSinceEvenInsideAMinute() {
    // The check counts from 09:10:00.5, not from the whole minute 09:10: were its lower bound not
    // `since`, the events before 09:10:00.5 would look missing at every check.
    Poller checkingEveryPoll = poller(Duration.ofMinutes(1), Duration.ZERO);
    checkingEveryPoll.pollOnce();
    balsam.clock.advance(Duration.ofHours(1));
    requests.set(0);
    assertThat(checkingEveryPoll.pollOnce().ok()).isTrue();
    // A check: sites, apps, batch jobs, changed jobs, the job count and one event count; nothing
    // halved.
    assertThat(requests.get()).isEqualTo(6);
    assertThat(transitions()).isEqualTo(recordedEventsSince(SINCE));
  }

  @Test
  void aLateEventBeforeSinceIsIgnoredAndOneAfterItIsCounted() {
    poller.pollOnce();
    double before = transitions();
    lateRun("PREPROCESSED", Instant.parse("2026-11-26T09:00:00Z"));
    assertThat(poller.pollOnce().ok()).isTrue();
    assertThat(transitions()).isEqualTo(before);

    lateRun("RESTART_READY", SINCE.plusMillis(1));
    assertThat(poller.pollOnce().ok()).isTrue();
    assertThat(transitions()).isEqualTo(before + 1);
  }
}

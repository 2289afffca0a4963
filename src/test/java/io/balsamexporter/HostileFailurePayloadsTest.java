package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.analytics.EventJournal;
import io.balsamexporter.analytics.FailureLog;
import io.balsamexporter.analytics.FailureQuery;
import io.balsamexporter.analytics.FailureReport;
import io.balsamexporter.analytics.FailureSource;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Event payloads are whatever a site, a hook or a user wrote: they must never fail a poll, never
 * grow a label, and never grow memory without bound, and error texts come out as safe text.
 */
class HostileFailurePayloadsTest {
  private static final String MIB_TAIL = "x".repeat(1 << 20) + "\nlast line 42";

  private static Map<String, Object> data(Object... pairs) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      data.put((String) pairs[i], pairs[i + 1]);
    }
    return data;
  }

  @Test
  void oddReturnCodesAndTailsThroughAPollGiveBoundedLabelsAndSafeText() throws Exception {
    List<Map<String, Object>> payloads =
        List.of(
            data("returncode", "3", "error", "string code"),
            data("returncode", 3.5, "error", "float code"),
            data("returncode", -9, "error", "negative"),
            data("returncode", -65, "error", "below the range"),
            data("returncode", 1L << 40, "error", "2^40"),
            data("returncode", new BigInteger("123456789012345678901234567890"), "error", "huge"),
            data("returncode", List.of(1), "error", List.of("not", "text")),
            data("error", MIB_TAIL),
            data("returncode", 1, "error", "nul\u0000byte and \u001b[31mred\u001b[0m"),
            data("returncode", 1, "error", "<script>alert(1)</script><b>bold</b>"),
            data());
    try (SimHarness balsam = SimHarness.withDevFixtures()) {
      ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
      EventJournal journal = new EventJournal(() -> true);
      FailureLog log = new FailureLog(() -> true);
      Poller poller =
          new Poller(
              balsam.client(1_000, RequestObserver.NONE),
              new IngestSettings(1_000, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
              balsam.clock);
      poller.subscribe(metrics.domain()).subscribe(journal).subscribe(log);
      assertThat(poller.pollOnce().failure()).isEmpty();
      List<Long> jobs = DevFixture.jobIdsIn("PREPROCESSED", payloads.size());
      Instant at = SimHarness.RECORDED_AT.minusSeconds(60);
      List<JobUpdate> updates = new ArrayList<>();
      for (int i = 0; i < payloads.size(); i++) {
        updates.add(JobUpdate.state(jobs.get(i), "RUNNING", at, Map.of("num_nodes", 1.0)));
      }
      balsam.writes.updateJobs(updates);
      updates.clear();
      for (int i = 0; i < payloads.size(); i++) {
        updates.add(JobUpdate.state(jobs.get(i), "RUN_ERROR", at.plusSeconds(1), payloads.get(i)));
      }
      balsam.writes.updateJobs(updates);
      balsam.clock.advance(Duration.ofSeconds(15));

      assertThat(poller.pollOnce().failure()).isEmpty();

      Samples samples = new Samples(metrics.scrape());
      assertThat(samples.sumBy("balsam_job_run_errors", "returncode", Map.of()))
          .containsEntry("none", 4.0) // a string, a list, absent twice
          .containsEntry("other", 4.0) // a float, -65, 2^40, a big integer
          .containsEntry("-9", 1.0)
          .containsEntry("1", 2.0)
          .containsEntry("134", 1.0) // the dev fixture's own
          .hasSize(5);
      FailureReport report =
          FailureSource.of(log, journal)
              .failures(
                  new FailureQuery(
                      Optional.empty(), List.of(), Map.of(), Optional.empty(), Optional.empty()));
      ByteArrayOutputStream json = new ByteArrayOutputStream();
      report.json(json);
      String body = json.toString(StandardCharsets.UTF_8);
      // No raw control characters in the JSON, and no text longer than the bound.
      assertThat(body.chars().filter(c -> c < 0x20)).isEmpty();
      assertThat(report.groups())
          .allSatisfy(
              g ->
                  assertThat(g.latestError().getBytes(StandardCharsets.UTF_8).length)
                      .isLessThanOrEqualTo(4096));
      assertThat(report.groups()).anyMatch(g -> g.latestError().endsWith("last line 42"));
      assertThat(report.groups()).anyMatch(g -> g.latestError().equals("nul\uFFFDbyte and red"));
      assertThat(report.groups())
          .anyMatch(g -> g.latestError().equals("<script>alert(1)</script><b>bold</b>"));
    }
  }

  @Test
  void loneSurrogatesInAnErrorTailBecomeReplacementCharacters() throws Exception {
    FailureLog log = new FailureLog(() -> true);
    log.apply(update(List.of(runError(1, "broken \uD800 pair \uDC00 end"))));
    FailureReport report = log.run(everything(), (tags, ids, n) -> new boolean[n]);
    assertThat(report.groups().get(0).latestError()).isEqualTo("broken \uFFFD pair \uFFFD end");
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    report.json(json);
    // Strict decoding: the JSON is valid UTF-8 throughout.
    String decoded =
        StandardCharsets.UTF_8
            .newDecoder()
            .decode(java.nio.ByteBuffer.wrap(json.toByteArray()))
            .toString();
    assertThat(decoded).contains("broken \uFFFD pair");
  }

  @Test
  void aMillionDistinctErrorTextsKeepGroupsAndTextsBounded() throws Exception {
    FailureLog log = new FailureLog(() -> true);
    ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    SplittableRandom random = new SplittableRandom(5);
    long id = 1;
    for (int batch = 0; batch < 100; batch++) {
      List<Event> events = new ArrayList<>(10_000);
      for (int i = 0; i < 10_000; i++, id++) {
        // Letters, not digits: nothing here folds into one signature.
        StringBuilder word = new StringBuilder("Error: ");
        for (int k = 0; k < 12; k++) {
          word.append((char) ('a' + random.nextInt(26)));
        }
        events.add(runError(id, word.toString()));
      }
      PollUpdate update = update(events);
      log.apply(update);
      metrics.domain().apply(update);
    }

    assertThat(log.size()).isEqualTo(1_000_000);
    assertThat(log.groupCount()).isLessThanOrEqualTo(FailureLog.MAX_GROUPS + 1);
    FailureReport report = log.run(everything(), (tags, ids, n) -> new boolean[n]);
    assertThat(report.total()).isEqualTo(1_000_000);
    assertThat(report.groups().stream().mapToLong(FailureReport.GroupView::count).sum())
        .isEqualTo(1_000_000);
    assertThat(report.groups()).anyMatch(g -> g.signature().equals("__other__"));
    Map<String, Long> perApp = new HashMap<>();
    report.groups().forEach(g -> perApp.merge(g.app(), g.count(), Long::sum));
    assertThat(perApp).containsOnlyKeys("__unknown__");
  }

  private static FailureQuery everything() {
    return new FailureQuery(
        Optional.empty(), List.of(), Map.of(), Optional.empty(), Optional.empty());
  }

  private static Event runError(long id, String error) {
    return new Event(
        id,
        id,
        Instant.parse("2026-11-26T09:00:00Z").plusMillis(id),
        "RUNNING",
        "RUN_ERROR",
        Map.of("returncode", 1, "error", error));
  }

  private static PollUpdate update(List<Event> events) {
    List<PollUpdate.CountedEvent> counted = new ArrayList<>(events.size());
    events.forEach(e -> counted.add(new PollUpdate.CountedEvent(e, "site", List.of(), false)));
    return new PollUpdate(List.of(), counted, List.of(), List.of(), 0, Optional.empty());
  }
}

package io.balsamexporter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.analytics.EventJournal;
import io.balsamexporter.analytics.Report;
import io.balsamexporter.analytics.ReportFormat;
import io.balsamexporter.analytics.ReportKind;
import io.balsamexporter.analytics.ReportParams;
import io.balsamexporter.analytics.Series;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.LogCapture;
import io.balsamexporter.testing.SimHarness;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction: the state file folds its updates into a snapshot once they outweigh a quarter of it,
 * and an exporter restarted from the compacted file ends exactly where one that reads the whole
 * history ends, for every family and every report; a torn snapshot is set aside.
 */
class CompactionTest {
  private static final int PAGE_SIZE = 200;
  // Compacts as soon as the updates outweigh a quarter of the snapshot, however small.
  private static final CompactionRule EAGER = new CompactionRule(CompactionRule.LOG_RATIO, 1, null);

  @TempDir Path dir;

  private final SimHarness balsam = SimHarness.withDevFixtures();

  @AfterEach
  void stop() {
    balsam.close();
  }

  /** One exporter process: its poller, metrics, journal and, with a rule, its state file. */
  private final class Instance implements AutoCloseable {
    final ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    final Poller poller =
        new Poller(
            balsam.client(PAGE_SIZE, (endpoint, code) -> {}),
            new IngestSettings(PAGE_SIZE, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock);
    final EventJournal journal = new EventJournal(poller::synced);
    StateFile.Opened opened;

    Instance(CompactionRule rule) throws IOException {
      poller.subscribe(metrics.domain()).subscribe(journal);
      if (rule != null) {
        StateFile.Identity identity =
            new StateFile.Identity(
                balsam.simulator.baseUrl().toString(), "dev", Instant.EPOCH, List.of());
        opened = StateFile.open(dir, identity, poller::restore, balsam.clock, rule);
        poller.restoreDone();
        poller.subscribe(opened.file());
      }
    }

    void poll() {
      balsam.clock.advance(Duration.ofSeconds(15));
      assertThat(poller.pollOnce().ok()).isTrue();
    }

    /** Every domain family as text, and every report: what a restart must give back. */
    List<String> everything() throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, metrics.scrape());
      List<String> all =
          new ArrayList<>(
              Stream.of(out.toString(StandardCharsets.UTF_8).split("\n"))
                  .filter(line -> line.startsWith("balsam_"))
                  .filter(line -> !line.startsWith("balsam_exporter_poll"))
                  .filter(line -> !line.startsWith("balsam_exporter_last_successful"))
                  .filter(line -> !line.startsWith("balsam_exporter_api_requests"))
                  .filter(line -> !line.startsWith("balsam_exporter_events_total"))
                  .filter(line -> !line.startsWith("balsam_exporter_event_lag"))
                  .toList());
      for (ReportKind kind : ReportKind.values()) {
        Report report =
            journal.run(ReportParams.parse(kind, Map.of(), ReportFormat.JSON).request());
        all.add(kind + " " + series(report.series()) + " " + series(report.availableNodes()));
      }
      return all;
    }

    private static String series(Series series) {
      return Arrays.toString(series.micros()) + Arrays.toString(series.values());
    }

    @Override
    public void close() throws IOException {
      if (opened != null) {
        opened.file().close();
      }
    }
  }

  private void refreshEverySite() throws BalsamException {
    for (Site site : balsam.client(PAGE_SIZE, (e, c) -> {}).sites(Query.of()).results()) {
      balsam.writes.refreshSite(site.id(), null, null);
    }
  }

  private List<String> fresh() throws Exception {
    try (Instance fresh = new Instance(null)) {
      fresh.poll();
      return fresh.everything();
    }
  }

  /** A first sync, then polls that see late events, new jobs and sites refreshing. */
  private void runWithChanges(Instance exporter) throws BalsamException {
    List<Long> preprocessed = DevFixture.jobIdsIn("PREPROCESSED", 3);
    exporter.poll();
    for (int i = 0; i < 3; i++) {
      balsam.writes.updateJobs(
          List.of(
              JobUpdate.state(
                  preprocessed.get(i),
                  "RUNNING",
                  Instant.parse("2026-11-26T0" + (6 + i) + ":00:00Z"),
                  Map.of("num_nodes", 1.0))));
      balsam.writes.createJobs(List.of(NewJob.of("later/job_" + i, 1, Map.of())));
      exporter.poll();
      refreshEverySite();
      exporter.poll();
    }
    for (int i = 0; i < 20; i++) {
      refreshEverySite();
      exporter.poll();
    }
  }

  @Test
  void aFirstSyncOfManyPagesStandsAsTheSnapshotInsteadOfBeingCopiedAtOnce() throws Exception {
    try (LogCapture log = LogCapture.start();
        Instance exporter = new Instance(EAGER)) {
      exporter.poll();
      long afterSync = Files.size(dir.resolve(StateFile.FILE_NAME));

      assertThat(exporter.poller.synced()).isTrue();
      assertThat(log.text()).doesNotContain("msg=\"state file compacted\"");
      // The pages are the baseline: a quarter of them more, and the rule compacts as before.
      for (int i = 0; i < 200 && !log.text().contains("state file compacted"); i++) {
        refreshEverySite();
        exporter.poll();
      }
      assertThat(log.text()).contains("msg=\"state file compacted\"");
      assertThat(Files.size(dir.resolve(StateFile.FILE_NAME)))
          .isLessThan(afterSync + afterSync / 4 + 100_000);
    }
  }

  @Test
  void aRestartFromACompactedFileEndsExactlyWhereAFreshSyncEndsForEveryFamilyAndReport()
      throws Exception {
    List<String> beforeTheStop;
    try (LogCapture log = LogCapture.start();
        Instance first = new Instance(EAGER)) {
      runWithChanges(first);
      beforeTheStop = first.everything();
      assertThat(log.text()).contains("msg=\"state file compacted\"");
      assertThat(first.opened.file().lastCompaction()).isPresent();
    }
    try (Instance restarted = new Instance(EAGER)) {
      assertThat(restarted.opened.outcome()).isEqualTo("restored");
      assertThat(restarted.everything()).isEqualTo(beforeTheStop);
      restarted.poll();
      assertThat(restarted.everything()).isEqualTo(fresh());
    }
  }

  @Test
  void countsOfDeletedJobsAndCountCheckTalliesSurviveACompaction() throws Exception {
    // A deletion that a fresh sync cannot see: the counters keep what was counted, the reports
    // drop the job's events, and the next count check relists the minutes it emptied.
    List<String> beforeTheStop;
    try (Instance first = new Instance(CompactionRule.standard())) {
      runWithChanges(first);
      balsam.writes.deleteJobs(DevFixture.jobIdsIn("JOB_FINISHED", 2));
      first.poll();
      balsam.clock.advance(IngestSettings.DEFAULT_CHECK_INTERVAL);
      for (int i = 0; i < 10; i++) {
        refreshEverySite();
        first.poll();
      }
      beforeTheStop = first.everything();
    }
    Path file = dir.resolve(StateFile.FILE_NAME);
    byte[] uncompacted = Files.readAllBytes(file);
    try (Instance compacting = new Instance(CompactionRule.standard())) {
      compacting.opened.file().compactNow();
    }
    assertThat(Files.size(file)).isLessThan(uncompacted.length);
    long restartCost;
    try (Instance restarted = new Instance(CompactionRule.standard())) {
      assertThat(restarted.everything()).isEqualTo(beforeTheStop);
      balsam.simulator.resetServerCost();
      restarted.poll();
      restartCost = balsam.simulator.serverCost().requests();
      assertThat(restarted.everything()).isEqualTo(beforeTheStop);
    }
    // The restart's count check costs what it costs from the file before compaction: had the
    // snapshot lost the relisted minutes, the check would halve its way down to them again.
    Files.write(file, uncompacted);
    try (Instance restarted = new Instance(CompactionRule.standard())) {
      balsam.simulator.resetServerCost();
      restarted.poll();
      assertThat(balsam.simulator.serverCost().requests()).isEqualTo(restartCost);
    }
  }

  @Test
  void theFileStaysWithinAQuarterOfItsSnapshotPlusOnePollHoweverLongItRuns() throws Exception {
    try (Instance exporter = new Instance(EAGER)) {
      exporter.poll();
      long firstSync = exporter.opened.file().bytes();
      long largest = 0;
      for (int i = 0; i < 200; i++) {
        refreshEverySite();
        exporter.poll();
        largest = Math.max(largest, exporter.opened.file().bytes());
      }
      // A snapshot holds no more than what the first sync wrote: the inventory's changes are
      // folded into the inventory as it is now.
      assertThat(largest).isLessThan((long) (firstSync * 1.3));
      assertThat(Files.size(dir.resolve(StateFile.FILE_NAME)))
          .isEqualTo(exporter.opened.file().bytes());
    }
  }

  @Test
  void aTornSnapshotIsSetAsideAndTheExporterSyncsFromScratch() throws Exception {
    try (Instance first = new Instance(EAGER)) {
      runWithChanges(first);
    }
    Path file = dir.resolve(StateFile.FILE_NAME);
    byte[] whole = Files.readAllBytes(file);
    long snapshotEnd = StateFileScan.scan(file, identityHeader(), 2).snapshotEnd();
    assertThat(snapshotEnd).isGreaterThan(Frames.MAGIC.length + 100L);
    Files.write(file, Arrays.copyOf(whole, (int) (snapshotEnd - 10)));
    try (LogCapture log = LogCapture.start();
        Instance restarted = new Instance(EAGER)) {
      assertThat(restarted.opened.outcome()).isEqualTo("set aside");
      assertThat(log.text()).contains("reason=\"torn snapshot\"");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .anyMatch(name -> name.startsWith(StateFile.FILE_NAME + ".set-aside-"));
      }
      restarted.poll();
      assertThat(restarted.everything()).isEqualTo(fresh());
    }
  }

  @Test
  void theCopyOfAnInterruptedCompactionIsRemovedAndTheFileRestoredWhole() throws Exception {
    try (Instance first = new Instance(CompactionRule.standard())) {
      runWithChanges(first);
    }
    Files.write(dir.resolve(StateFile.COMPACTING), new byte[] {1, 2, 3});
    try (LogCapture log = LogCapture.start();
        Instance restarted = new Instance(CompactionRule.standard())) {
      assertThat(restarted.opened.outcome()).isEqualTo("restored");
      assertThat(log.text()).contains("removed the copy of an interrupted compaction");
      assertThat(dir.resolve(StateFile.COMPACTING)).doesNotExist();
      restarted.poll();
      assertThat(restarted.everything()).isEqualTo(fresh());
    }
  }

  private StateFormat.Header identityHeader() {
    return new StateFile.Identity(
            balsam.simulator.baseUrl().toString(), "dev", Instant.EPOCH, List.of())
        .header();
  }
}

package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.analytics.EventJournal;
import io.balsamexporter.analytics.ReportFilter;
import io.balsamexporter.analytics.ReportKind;
import io.balsamexporter.analytics.ReportRequest;
import io.balsamexporter.analytics.Series;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.sim.store.BatchJobUpdate;
import io.balsamexporter.sim.store.NewBatchJob;
import io.balsamexporter.sim.store.SiteSettings;
import io.balsamexporter.storage.StateFile;
import io.balsamexporter.testing.SimHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The allocations as the exporter saw them: a batch job is drawn from the poll that first saw it
 * running to the poll that first saw it leave, until Balsam times it; with {@code --storage.path}
 * those observations outlive a restart; the default report stays Balsam's.
 */
class ObservedAllocationsTest {
  private static final Duration POLL = Duration.ofSeconds(15);

  @TempDir Path dir;

  private final SimHarness balsam = SimHarness.empty();
  private final long siteId =
      balsam.writes.createSite(balsam.userId, "theta", "/projects/md", SiteSettings.NONE).id();

  @AfterEach
  void stop() {
    balsam.close();
  }

  /** One exporter process: its poller, its journal and its state file. */
  private final class Instance implements AutoCloseable {
    final Poller poller =
        new Poller(
            balsam.client(1000, (endpoint, code) -> {}),
            new IngestSettings(1000, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock);
    final EventJournal journal = new EventJournal(poller::synced, balsam.clock);
    final StateFile.Opened opened;

    Instance() throws Exception {
      poller.subscribe(journal);
      StateFile.Identity identity =
          new StateFile.Identity(
              balsam.simulator.baseUrl().toString(), SimHarness.USER, Instant.EPOCH, List.of());
      opened = StateFile.open(dir, identity, poller::restore, balsam.clock);
      poller.restoreDone();
      poller.subscribe(opened.file());
    }

    /** Polls now: the poll's start is the time any change it sees is observed at. */
    Instant poll() {
      Instant at = balsam.clock.instant();
      assertThat(poller.pollOnce().ok()).isTrue();
      return at;
    }

    List<Step> nodes(boolean live) throws Exception {
      Series s =
          journal
              .run(new ReportRequest(ReportKind.AVAILABLE_NODES, true, ReportFilter.NONE, live))
              .series();
      List<Step> steps = new ArrayList<>();
      for (int i = 0; i < s.size(); i++) {
        steps.add(new Step(BalsamTime.fromMicros(s.micros()[i]), s.values()[i]));
      }
      return steps;
    }

    @Override
    public void close() throws Exception {
      opened.file().close();
    }
  }

  record Step(Instant time, double nodes) {}

  private long newBatchJob(int nodes) {
    return balsam
        .writes
        .createBatchJob(NewBatchJob.of(siteId, "datascience", "prod", nodes, 60))
        .id();
  }

  private void move(long id, String state) {
    balsam.writes.updateBatchJob(BatchJobUpdate.state(id, state));
  }

  private void later() {
    balsam.clock.advance(POLL);
  }

  /** The steps the live report adds to Balsam's own: its report holds only timed batch jobs. */
  private static List<Step> added(List<Step> live, List<Step> balsams) {
    List<Step> extra = new ArrayList<>(live);
    extra.removeIf(step -> balsams.stream().anyMatch(b -> b.time().equals(step.time())));
    return extra;
  }

  @Test
  void aRunningAllocationIsDrawnFromThePollThatSawItStartUpToNow() throws Exception {
    try (Instance exporter = new Instance()) {
      exporter.poll();
      List<Step> balsams = exporter.nodes(false);
      long id = newBatchJob(8);
      later();
      move(id, JobStates.BATCH_RUNNING);
      later();
      Instant seen = exporter.poll();
      later();

      assertThat(exporter.nodes(false)).isEqualTo(balsams);
      assertThat(added(exporter.nodes(true), balsams))
          .containsExactly(new Step(seen, 8), new Step(balsam.clock.instant(), 0));
    }
  }

  @Test
  void anAllocationThatStartsAndEndsBetweenTwoPollsIsDrawnWithBalsamsTimes() throws Exception {
    try (Instance exporter = new Instance()) {
      exporter.poll();
      List<Step> balsams = exporter.nodes(false);
      long id = newBatchJob(4);
      later();
      move(id, JobStates.BATCH_RUNNING);
      Instant start = balsam.clock.instant();
      later();
      Instant end = balsam.clock.instant();
      balsam.writes.updateBatchJob(
          new BatchJobUpdate(id, null, JobStates.BATCH_FINISHED, null, start, end));
      later();
      exporter.poll();

      List<Step> timed = exporter.nodes(false);
      assertThat(exporter.nodes(true)).isEqualTo(timed);
      assertThat(added(timed, balsams)).containsExactly(new Step(start, 4), new Step(end, 0));
    }
  }

  @Test
  void balsamsExactTimesReplaceTheObservedOnesOnceItHasThem() throws Exception {
    try (Instance exporter = new Instance()) {
      exporter.poll();
      List<Step> balsams = exporter.nodes(false);
      long id = newBatchJob(16);
      move(id, JobStates.BATCH_RUNNING);
      later();
      Instant seenRunning = exporter.poll();
      later();
      move(id, JobStates.BATCH_FINISHED);
      later();
      Instant seenLeft = exporter.poll();

      // Finished, but the scheduler has not reported its times to Balsam yet.
      assertThat(exporter.nodes(false)).isEqualTo(balsams);
      assertThat(added(exporter.nodes(true), balsams))
          .containsExactly(new Step(seenRunning, 16), new Step(seenLeft, 0));

      Instant start = seenRunning.minus(Duration.ofSeconds(7));
      Instant end = seenLeft.minus(Duration.ofSeconds(9));
      balsam.writes.updateBatchJob(new BatchJobUpdate(id, null, null, null, start, end));
      // A finished batch job is read again at the next count check, which reads them all.
      balsam.clock.advance(IngestSettings.DEFAULT_CHECK_INTERVAL);
      exporter.poll();
      assertThat(exporter.nodes(true)).isEqualTo(exporter.nodes(false));
      assertThat(added(exporter.nodes(true), balsams))
          .containsExactly(new Step(start, 16), new Step(end, 0));
    }
  }

  @Test
  void anAllocationRunningAtARestartKeepsTheTimeItWasFirstSeenRunning() throws Exception {
    long id = newBatchJob(32);
    Instant seenRunning;
    List<Step> balsams;
    try (Instance first = new Instance()) {
      first.poll();
      balsams = first.nodes(false);
      later();
      move(id, JobStates.BATCH_RUNNING);
      later();
      seenRunning = first.poll();
    }
    later();
    try (Instance restarted = new Instance()) {
      assertThat(restarted.opened.updatesRestored()).isPositive();
      later();
      restarted.poll();
      later();
      move(id, JobStates.BATCH_FINISHED);
      later();
      Instant seenLeft = restarted.poll();
      assertThat(added(restarted.nodes(true), balsams))
          .containsExactly(new Step(seenRunning, 32), new Step(seenLeft, 0));
    }
    try (Instance again = new Instance()) {
      later();
      again.poll();
      List<Step> live = again.nodes(true);
      later();
      assertThat(again.nodes(true))
          .as("an ended allocation does not move with now")
          .isEqualTo(live);
      assertThat(added(live, balsams)).hasSize(2);
    }
  }
}

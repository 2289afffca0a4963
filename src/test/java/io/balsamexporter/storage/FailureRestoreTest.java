package io.balsamexporter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.analytics.EventJournal;
import io.balsamexporter.analytics.FailureLog;
import io.balsamexporter.analytics.FailureQuery;
import io.balsamexporter.analytics.FailureSource;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.workload.Profile;
import io.balsamexporter.sim.workload.WorkloadGenerator;
import io.balsamexporter.testing.SimHarness;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --storage.path, a restarted exporter exports the failure families and answers the failure
 * groups exactly as one that read the whole history afresh: the state file keeps each event's
 * payload and app.
 */
class FailureRestoreTest {
  private static final List<String> FAMILIES =
      List.of(
          "balsam_job_run_errors",
          "balsam_job_failures",
          "balsam_app_jobs",
          "balsam_jobs_oldest_state_entry_timestamp_seconds",
          "balsam_jobs_in_state_longer_than_1h");

  @TempDir Path dir;

  private final SimHarness balsam = SimHarness.empty();

  @AfterEach
  void stop() {
    balsam.close();
  }

  private final class Instance implements AutoCloseable {
    final ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    final Poller poller =
        new Poller(
            balsam.client(1_000, (endpoint, code) -> {}),
            new IngestSettings(1_000, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock);
    final EventJournal journal = new EventJournal(poller::synced);
    final FailureLog failures = new FailureLog(poller::synced);
    StateFile.Opened opened;

    Instance(Path stateDir) throws IOException {
      poller.subscribe(metrics.domain()).subscribe(journal).subscribe(failures);
      if (stateDir != null) {
        StateFile.Identity identity =
            new StateFile.Identity(
                balsam.simulator.baseUrl().toString(), "dev", Instant.EPOCH, List.of());
        opened = StateFile.open(stateDir, identity, poller::restore, balsam.clock);
        poller.restoreDone();
        poller.subscribe(opened.file());
      }
    }

    void poll() {
      assertThat(poller.pollOnce().ok()).isTrue();
    }

    List<String> failureLines() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, metrics.scrape());
      return Stream.of(out.toString(StandardCharsets.UTF_8).split("\n"))
          .filter(line -> FAMILIES.stream().anyMatch(line::startsWith))
          .collect(Collectors.toList());
    }

    String groups() throws Exception {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      FailureSource.of(failures, journal)
          .failures(
              new FailureQuery(
                  Optional.empty(), List.of(), Map.of(), Optional.empty(), Optional.empty()))
          .json(out);
      return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      if (opened != null) {
        opened.file().close();
      }
    }
  }

  @Test
  void aRestartExportsTheFailureFamiliesAndGroupsAFreshSyncGives() throws Exception {
    WorkloadGenerator campaign =
        new WorkloadGenerator(balsam.store, balsam.writes, balsam.userId, 3, Profile.test());
    Duration step = Duration.ofSeconds(60);
    try (Instance first = new Instance(dir)) {
      for (int i = 0; i < 15; i++) {
        balsam.clock.advance(step);
        campaign.step(step);
        first.poll();
      }
      assertThat(first.failureLines()).anyMatch(l -> l.startsWith("balsam_job_run_errors_total{"));
    }
    balsam.clock.advance(step);
    campaign.step(step);

    try (Instance restarted = new Instance(dir);
        Instance fresh = new Instance(null)) {
      assertThat(restarted.opened.outcome()).isEqualTo("restored");
      restarted.poll();
      fresh.poll();
      assertThat(restarted.failureLines()).isEqualTo(fresh.failureLines());
      assertThat(restarted.groups()).isEqualTo(fresh.groups());
      assertThat(restarted.groups()).contains("\"returncode\"");
    }
  }
}

package io.balsamexporter.backfill;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.ingest.EventReplay;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.log.Progress;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.DomainMetrics;
import io.balsamexporter.metrics.ExporterMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays Balsam's history into an OpenMetrics file, one sample per family and series at each step:
 * every step is a poll that a live exporter could have made at that instant, fed through the same
 * ingest and metric code as a live one, and scraped.
 *
 * <p>Only families whose history Balsam records are written. The site families (heartbeat, backfill
 * windows, the scheduler's queue) show what a site agent last reported and keep no history; batch
 * jobs record only when they started and ended, so their states before that, and the per-state
 * batch-job families, are left out too.
 */
final class Backfill {

  /** The families written: those whose value at a past instant the history determines. */
  static final Set<String> FAMILIES =
      Set.of(
          "balsam_job_transitions",
          "balsam_job_run_duration_seconds",
          "balsam_job_queue_wait_seconds",
          "balsam_jobs",
          "balsam_running_job_nodes",
          "balsam_available_nodes",
          "balsam_job_run_errors",
          "balsam_job_failures",
          "balsam_app_jobs",
          "balsam_jobs_oldest_state_entry_timestamp_seconds",
          "balsam_jobs_in_state_longer_than_1h");

  /**
   * Where and how finely to sample.
   *
   * @param since the first step; empty: the whole second of the first event
   * @param until the last step, which counts every event up to it; empty: the first step at or
   *     after the last event
   */
  record Window(Optional<Instant> since, Optional<Instant> until, Duration step) {}

  /**
   * What shapes the series: the exporter's tag labels, and labels added to every series.
   *
   * @param extra e.g. the {@code job} and {@code instance} of the live exporter's scrape
   */
  record Labels(
      List<String> tagKeys,
      int tagValuesLimit,
      int labelValueMaxLength,
      Map<String, String> extra) {}

  /** What was written. */
  record Summary(long events, long steps, long samples) {}

  private final BalsamHistory history;
  private final Progress progress;
  private final Window window;
  private final Labels labels;

  Backfill(BalsamHistory history, Window window, Labels labels) {
    this(history, window, labels, Progress.OFF);
  }

  Backfill(BalsamHistory history, Window window, Labels labels, Progress progress) {
    this.progress = progress;
    this.history = history;
    this.window = window;
    this.labels = labels;
  }

  Summary writeTo(Path out) throws BalsamException, IOException {
    Inventory inventory = history.inventory();
    EventReplay replay = new EventReplay(inventory, history.jobs(labels.tagKeys()));
    DomainMetrics metrics =
        new ExporterMetrics(
                new BuildInfo("backfill", ""),
                labels.tagKeys(),
                labels.tagValuesLimit(),
                labels.labelValueMaxLength())
            .domain();
    try (OpenMetricsFile file = new OpenMetricsFile(out, FAMILIES, labels.extra())) {
      Steps steps = new Steps(replay, metrics, inventory.batchJobs(), file);
      long events;
      try {
        events =
            history.events(
                window.until().orElse(null),
                page -> {
                  page.forEach(steps::event);
                  if (!page.isEmpty()) {
                    progress.read(page.size(), page.get(page.size() - 1).timestamp());
                  }
                });
        progress.done();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      steps.end();
      file.finish();
      return new Summary(events, steps.count, file.samples());
    }
  }

  /** Cuts the event stream into steps and scrapes the metrics at the end of each. */
  private final class Steps {
    private final EventReplay replay;
    private final DomainMetrics metrics;
    private final List<BatchJob> batchJobs;
    private final OpenMetricsFile file;
    private final List<Event> pending = new ArrayList<>();
    private Instant next;
    private long count;

    Steps(
        EventReplay replay, DomainMetrics metrics, List<BatchJob> batchJobs, OpenMetricsFile file) {
      this.replay = replay;
      this.metrics = metrics;
      this.batchJobs = batchJobs;
      this.file = file;
      this.next = window.since().orElse(null);
    }

    /** Events come in time order; each belongs to the first step at or after it. */
    void event(Event event) {
      if (next == null) {
        next = event.timestamp().truncatedTo(ChronoUnit.SECONDS);
      }
      while (event.timestamp().isAfter(next)) {
        emit(next);
      }
      pending.add(event);
    }

    void end() {
      if (next == null) {
        return; // neither events nor --since: no instant to sample
      }
      Optional<Instant> until = window.until();
      while (until.isPresent() ? !next.isAfter(until.get()) : !pending.isEmpty()) {
        emit(next);
      }
      if (!pending.isEmpty()) {
        // The last events lie after the last whole step but not after --until.
        emit(until.orElseThrow());
      }
    }

    private void emit(Instant at) {
      metrics.apply(replay.step(pending, runningAt(at), at));
      try {
        file.append(at, metrics.collect());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      pending.clear();
      count++;
      next = at.plus(window.step());
    }

    /**
     * The batch jobs that held their nodes at {@code at}: in {@code [start_time, end_time)}. Those
     * without both times are left out, as Balsam's own available-nodes report does.
     */
    private List<BatchJob> runningAt(Instant at) {
      List<BatchJob> running = new ArrayList<>();
      for (BatchJob b : batchJobs) {
        if (b.startTime() != null
            && b.endTime() != null
            && !at.isBefore(b.startTime())
            && at.isBefore(b.endTime())) {
          running.add(b.withState(JobStates.BATCH_RUNNING));
        }
      }
      return running;
    }
  }
}

package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.store.EventData;
import io.balsamexporter.sim.store.StoredJobs;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The count check is the safety net under the polls of changed jobs: a change that the listing by
 * {@code last_update} cannot see (here a transaction that committed long after it started, so its
 * {@code last_update} lies before where the next poll lists from) is found at the next check, its
 * event counted once and its job read again.
 */
class MissedChangeTest {
  private static final Duration CHECK_INTERVAL = Duration.ofMinutes(10);

  private final SimHarness balsam = SimHarness.withDevFixtures();
  private final ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
  private final Poller poller =
      new Poller(
              balsam.client(10_000, (endpoint, code) -> {}),
              new IngestSettings(
                  10_000, 10_000, Duration.ofMinutes(10), Instant.EPOCH, List.of(), CHECK_INTERVAL),
              balsam.clock)
          .subscribe(metrics.domain());

  @AfterEach
  void stop() {
    balsam.close();
  }

  private Samples scrape() {
    return new Samples(metrics.scrape());
  }

  private long eventsOnServer() {
    return balsam.store.read(d -> (long) d.events.size());
  }

  /** Stores a state change of {@code job} without moving its {@code last_update}. */
  private void commitLongAfterItStarted(Job job, String to, Instant stamp) {
    balsam.store.update(
        d -> {
          d.events.add(
              new Event(d.nextEventId++, job.id(), stamp, job.state(), to, EventData.EMPTY));
          d.jobs.put(
              job.id(),
              StoredJobs.withProgress(
                  job, to, job.sessionId(), job.batchJobId(), job.returnCode(), job.lastUpdate()));
        });
  }

  @Test
  void aChangeTheListingCannotSeeIsFoundByTheNextCountCheck() {
    assertThat(poller.pollOnce().ok()).isTrue();
    balsam.clock.advance(Duration.ofMinutes(1));
    assertThat(poller.pollOnce().ok()).isTrue();
    double counted = scrape().sum("balsam_job_transitions");
    assertThat(counted).isEqualTo(eventsOnServer());

    Job job =
        balsam.store.read(
            d ->
                d.jobs.values().stream()
                    .filter(j -> j.state().equals("JOB_FINISHED"))
                    .findFirst()
                    .orElseThrow());
    double finished = scrape().sum("balsam_jobs", Map.of("state", "JOB_FINISHED"));
    commitLongAfterItStarted(
        job, "RESTART_READY", balsam.clock.instant().minus(Duration.ofHours(2)));

    balsam.clock.advance(Duration.ofSeconds(15));
    assertThat(poller.pollOnce().ok()).isTrue();
    // Unseen until the check: the limit of the listing by last_update, bounded by the check.
    assertThat(scrape().sum("balsam_job_transitions")).isEqualTo(counted);

    balsam.clock.advance(CHECK_INTERVAL);
    assertThat(poller.pollOnce().ok()).isTrue();
    Samples checked = scrape();
    assertThat(checked.sum("balsam_job_transitions"))
        .isEqualTo(counted + 1)
        .isEqualTo(eventsOnServer());
    assertThat(checked.sum("balsam_jobs", Map.of("state", "JOB_FINISHED"))).isEqualTo(finished - 1);
    assertThat(checked.sum("balsam_jobs", Map.of("state", "RESTART_READY"))).isPositive();

    balsam.clock.advance(Duration.ofSeconds(15));
    assertThat(poller.pollOnce().ok()).isTrue();
    assertThat(scrape().sum("balsam_job_transitions")).isEqualTo(counted + 1);
  }
}

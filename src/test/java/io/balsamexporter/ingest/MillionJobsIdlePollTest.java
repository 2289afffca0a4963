package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.Job;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.cost.ServerCost;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * At a million jobs an idle poll visits each job at most once. The poller starts from a restored
 * index (as after a restart with {@code --storage.path}) rather than a first sync, which at this
 * size would take most of a minute of this test's time without changing what an idle poll reads.
 */
class MillionJobsIdlePollTest {
  private static final int EXTRA_JOBS = 1_000_000;

  private final SimHarness balsam = SimHarness.withDevFixtures();
  private final ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);

  @AfterEach
  void stop() {
    balsam.close();
  }

  @Test
  void anIdlePollVisitsEachOfAMillionJobsAtMostOnce() {
    Instant quietSince = balsam.clock.instant().minus(Duration.ofHours(1));
    List<Job> jobs = addJobs(quietSince);
    Poller poller =
        new Poller(
                balsam.client(10_000, (endpoint, code) -> {}),
                new IngestSettings(10_000, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
                balsam.clock)
            .subscribe(metrics.domain());
    List<JobRecord> index = new ArrayList<>(jobs.size());
    TagSets tagSets = new TagSets();
    jobs.forEach(job -> index.add(JobRecord.of(job, List.of(), tagSets)));
    Instant newest = jobs.stream().map(Job::lastUpdate).max(Instant::compareTo).orElseThrow();
    poller.restore(
        new PollUpdate(
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            0,
            Optional.empty(),
            new PollUpdate.IndexedJobs(index, true)),
        new Checkpoint(
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.of(balsam.clock.instant()),
            Optional.of(newest),
            0,
            true));
    poller.restoreDone();
    // The first poll after a restart checks everything: the events and all jobs are counted.
    balsam.clock.advance(Duration.ofSeconds(15));
    assertThat(poller.pollOnce().ok()).isTrue();

    balsam.clock.advance(Duration.ofSeconds(15));
    balsam.simulator.resetServerCost();
    assertThat(poller.pollOnce().ok()).isTrue();
    ServerCost idle = balsam.simulator.serverCost();

    assertThat(jobs).hasSizeGreaterThan(EXTRA_JOBS);
    assertThat(idle.jobsVisited()).isPositive().isLessThanOrEqualTo(jobs.size());
    assertThat(idle.eventsVisited()).isZero();
    Samples samples = new Samples(metrics.scrape());
    assertThat((long) samples.sum("balsam_jobs")).isEqualTo(jobs.size());
    long events = balsam.store.read(d -> (long) d.events.size());
    assertThat((long) samples.sum("balsam_job_transitions")).isEqualTo(events);
  }

  /**
   * A million more finished jobs, copies of a fixture job last written at {@code at}, without
   * events: what an idle poll reads does not depend on them. Returns every job on the server.
   */
  private List<Job> addJobs(Instant at) {
    return balsam.store.write(
        d -> {
          Job template =
              d.jobs.values().stream()
                  .filter(j -> j.state().equals("JOB_FINISHED"))
                  .findFirst()
                  .orElseThrow();
          long id = d.jobs.lastKey();
          for (int i = 0; i < EXTRA_JOBS; i++) {
            id++;
            d.jobs.put(id, copy(template, id, at));
          }
          d.nextJobId = id + 1;
          return new ArrayList<>(d.jobs.values());
        });
  }

  private static Job copy(Job t, long id, Instant lastUpdate) {
    return new Job(
        id,
        "bulk/" + id,
        t.tags(),
        t.appId(),
        t.sessionId(),
        t.serializedParameters(),
        t.serializedReturnValue(),
        t.serializedException(),
        t.batchJobId(),
        t.state(),
        lastUpdate,
        t.data(),
        t.returnCode(),
        t.pendingFileCleanup(),
        t.parentIds(),
        t.numNodes(),
        t.ranksPerNode(),
        t.threadsPerRank(),
        t.threadsPerCore(),
        t.gpusPerRank(),
        t.nodePackingCount(),
        t.wallTimeMin(),
        t.launchParams());
  }
}

package io.balsamexporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Exporter;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.testing.BoundedProcess;
import io.balsamexporter.testing.ChildExporter;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at random moments, while Balsam changes under a polling exporter that keeps its state in
 * {@code --storage.path}: each restart takes the state back and goes on, and the last one ends with
 * exactly what a fresh exporter reads from the whole history.
 */
class KilledExporterTest {
  private static final int KILLS = 4;

  @TempDir Path storage;

  private final SimHarness balsam = SimHarness.withDevFixtures();

  @AfterEach
  void stop() {
    balsam.close();
  }

  private BoundedProcess.Running exporter() {
    return ChildExporter.start(
        balsam,
        "--balsam.page-size=100",
        "--balsam.first-sync-page-size=100",
        "--balsam.poll-interval=1s",
        "--storage.path=" + storage);
  }

  @Test
  void sigkillAtAnyMomentThenARestartLosesNothingAndCountsNothingTwice() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Deque<Long> jobs = new ArrayDeque<>(DevFixture.jobIdsIn("PREPROCESSED", Integer.MAX_VALUE));
    List<String> said = new ArrayList<>();
    for (int kill = 0; kill <= KILLS; kill++) {
      try (BoundedProcess.Running child = exporter()) {
        int port = ChildExporter.port(child);
        FaultStack.await(
            "the exporter is ready", () -> Http.get(port, "/-/ready").statusCode() == 200);
        if (kill > 0) {
          assertThat(child.output()).as("seed %d", seed).contains("outcome=restored");
        }
        if (kill == KILLS) {
          // Quiet now: two polls, the later one started after the last change.
          Scrape from = Scrape.of(port);
          FaultStack.await(
              "two more polls",
              () -> Scrape.of(port).polls("success") >= from.polls("success") + 2);
          Scrape last = Scrape.of(port);
          assertThat(Scrape.differences(last.domain(), fresh().domain()))
              .as("seed %d; kills: %s", seed, said)
              .isEmpty();
          return;
        }
        // Balsam changes while the exporter polls and writes its state, then the kill falls.
        long until = System.nanoTime() + Duration.ofMillis(500 + random.nextInt(2500)).toNanos();
        int changes = 0;
        while (System.nanoTime() < until && !jobs.isEmpty()) {
          changes++;
          balsam.clock.advance(Duration.ofSeconds(1));
          Instant siteTime = balsam.clock.instant().minus(Duration.ofMinutes(random.nextInt(240)));
          balsam.writes.updateJobs(
              List.of(JobUpdate.state(jobs.pop(), "RUNNING", siteTime, Map.of("num_nodes", 1.0))));
          balsam.writes.createJobs(
              List.of(NewJob.of("killed/job_" + kill + "_" + jobs.size(), 1, Map.of())));
          FaultStack.sleep(Duration.ofMillis(random.nextInt(300)));
        }
        child.kill();
        said.add("kill " + kill + " after " + changes + " changes");
      }
    }
  }

  private Scrape fresh() {
    try (Exporter fresh = Exporter.start(balsam.config(100), balsam.clock)) {
      FaultStack.awaitReady(fresh);
      return Scrape.of(fresh.port());
    } catch (Exception e) {
      throw new AssertionError("the fresh exporter failed: " + e, e);
    }
  }
}

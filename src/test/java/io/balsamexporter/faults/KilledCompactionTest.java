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
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at each step of a compaction of the state file: while the snapshot is half written aside,
 * once it is flushed, once it is renamed over the file, once the directory is flushed. Each time
 * the restarted exporter finds the old file or the new one whole, and ends with exactly what a
 * fresh exporter reads from the whole history.
 */
class KilledCompactionTest {
  private static final String STATE = "balsam-exporter.state";
  // Frame kinds from this one on belong to a snapshot; those before, to the updates of polls.
  private static final byte SNAPSHOT = 3;
  private static final List<String> STEPS = List.of("writing", "written", "renamed", "synced");

  @TempDir Path storage;

  private final SimHarness balsam = SimHarness.withDevFixtures();

  @AfterEach
  void stop() {
    balsam.close();
  }

  private BoundedProcess.Running exporter(Path dir, List<String> jvmOptions) {
    return ChildExporter.start(
        balsam.simulator.baseUrl(),
        SimHarness.USER,
        SimHarness.PASSWORD,
        jvmOptions,
        "--balsam.page-size=100",
        "--balsam.first-sync-page-size=100",
        "--balsam.poll-interval=1s",
        "--storage.path=" + dir);
  }

  private static void awaitReady(int port) {
    FaultStack.await("the exporter is ready", () -> Http.get(port, "/-/ready").statusCode() == 200);
  }

  /** A state file of a first sync and a few polls, never compacted. */
  private Path uncompacted() throws IOException {
    Path dir = storage.resolve("uncompacted");
    try (BoundedProcess.Running child = exporter(dir, List.of())) {
      int port = ChildExporter.port(child);
      awaitReady(port);
      change(0);
      Scrape from = Scrape.of(port);
      FaultStack.await(
          "two more polls", () -> Scrape.of(port).polls("success") >= from.polls("success") + 2);
      child.kill();
    }
    return dir.resolve(STATE);
  }

  /** A late RUNNING event and a new job: what the next poll must read. */
  private void change(int round) {
    balsam.clock.advance(Duration.ofSeconds(1));
    long job = DevFixture.jobIdsIn("PREPROCESSED", round + 1).get(round);
    balsam.writes.updateJobs(
        List.of(
            JobUpdate.state(
                job, "RUNNING", Instant.parse("2026-11-26T06:00:00Z"), Map.of("num_nodes", 1.0))));
    balsam.writes.createJobs(List.of(NewJob.of("compaction/job_" + round, 1, Map.of())));
  }

  @Test
  void sigkillAtEachStepOfACompactionLeavesAWholeFileAndARestartEndsExact() throws IOException {
    Instant started = Instant.now();
    Path before = uncompacted();
    int round = 1;
    for (String step : STEPS) {
      Path dir = storage.resolve(step);
      Files.createDirectories(dir);
      Files.copy(before, dir.resolve(STATE), StandardCopyOption.REPLACE_EXISTING);
      change(round++);
      // Compacts at its first poll, since the copied file is all updates and no snapshot, and
      // stops at the step until killed.
      try (BoundedProcess.Running child =
          exporter(
              dir,
              List.of(
                  "-Dbalsam.exporter.test.compaction-min-bytes=1",
                  "-Dbalsam.exporter.test.compaction-pause=" + step))) {
        FaultStack.await(
            "the compaction reaches " + step,
            () -> child.output().contains("msg=\"compaction paused for a crash test\""));
        assertThat(child.output()).contains("step=" + step.toUpperCase(java.util.Locale.ROOT));
        child.kill();
      }
      boolean renamed = step.equals("renamed") || step.equals("synced");
      assertThat(Files.exists(dir.resolve(STATE + ".compacting"))).as(step).isEqualTo(!renamed);
      // The file is the old one, all updates, or the new one, which opens with its snapshot.
      assertThat(firstFrameKind(dir.resolve(STATE)) >= SNAPSHOT).as(step).isEqualTo(renamed);
      try (BoundedProcess.Running child = exporter(dir, List.of())) {
        int port = ChildExporter.port(child);
        awaitReady(port);
        assertThat(child.output()).as(step).contains("outcome=restored");
        assertThat(child.output()).as(step).doesNotContain("set aside");
        if (!renamed) {
          assertThat(child.output()).contains("removed the copy of an interrupted compaction");
        }
        Scrape from = Scrape.of(port);
        FaultStack.await(
            "two more polls", () -> Scrape.of(port).polls("success") >= from.polls("success") + 2);
        Scrape last = Scrape.of(port);
        assertThat(Scrape.differences(last.domain(), fresh().domain()))
            .as("killed at %s", step)
            .isEmpty();
        // The file's own families: its size, and when its snapshot was written (by this test).
        assertThat(last.value("balsam_exporter_state_file_bytes")).isGreaterThan(1_000);
        assertThat(last.value("balsam_exporter_state_file_last_compaction_timestamp_seconds"))
            .isBetween(started.getEpochSecond() - 1.0, Instant.now().getEpochSecond() + 1.0);
        child.kill();
      }
      assertThat(Files.exists(dir.resolve(STATE + ".compacting"))).as(step).isFalse();
    }
  }

  /** The kind of the first frame after the header: where a state file's content starts. */
  private static byte firstFrameKind(Path file) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file));
    int magic = 8;
    int headerLength = bytes.getInt(magic);
    return bytes.get(magic + 9 + headerLength + 8);
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

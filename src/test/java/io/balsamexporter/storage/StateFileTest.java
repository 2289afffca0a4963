package io.balsamexporter.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.cost.ServerCost;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.LogCapture;
import io.balsamexporter.testing.SimHarness;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --storage.path}: a restarted exporter takes back what it learnt from its state file,
 * checks it against the server with a few requests, and ends exactly where a fresh exporter that
 * reads the whole history ends; a torn, corrupt or foreign file costs nothing but a fresh sync.
 */
class StateFileTest {
  private static final int PAGE_SIZE = 200;

  @TempDir Path dir;

  private final SimHarness balsam = SimHarness.withDevFixtures();

  @AfterEach
  void stop() {
    balsam.close();
  }

  /** One exporter process: its poller, its metrics and, with a directory, its state file. */
  private final class Instance implements AutoCloseable {
    final ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    final Poller poller =
        new Poller(
                balsam.client(PAGE_SIZE, (endpoint, code) -> {}),
                new IngestSettings(PAGE_SIZE, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
                balsam.clock)
            .subscribe(metrics.domain());
    StateFile.Opened opened;

    Instance(Path stateDir) throws IOException {
      if (stateDir != null) {
        opened = StateFile.open(stateDir, identity("dev"), poller::restore, balsam.clock);
        poller.restoreDone();
        poller.subscribe(opened.file());
      }
    }

    void poll() {
      balsam.clock.advance(Duration.ofSeconds(15));
      assertThat(poller.pollOnce().ok()).isTrue();
    }

    /** The domain series as text, without the exporter's own families. */
    List<String> domain() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create().write(out, metrics.scrape());
      return Stream.of(out.toString(StandardCharsets.UTF_8).split("\n"))
          .filter(line -> line.startsWith("balsam_"))
          .filter(line -> !line.startsWith("balsam_exporter_") && !line.startsWith("balsam_up"))
          .collect(Collectors.toList());
    }

    @Override
    public void close() throws IOException {
      if (opened != null) {
        opened.file().close();
      }
    }
  }

  private StateFile.Identity identity(String user) {
    return new StateFile.Identity(
        balsam.simulator.baseUrl().toString(), user, Instant.EPOCH, List.of());
  }

  private void lateRun(long job, Instant siteTime) {
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(JobUpdate.state(job, "RUNNING", siteTime, Map.of("num_nodes", 1.0))));
  }

  private List<String> freshDomain() throws IOException {
    try (Instance fresh = new Instance(null)) {
      fresh.poll();
      return fresh.domain();
    }
  }

  /** A first sync and two polls with changes, recorded in {@link #dir}. */
  private void runAndStop() throws IOException {
    List<Long> preprocessed = DevFixture.jobIdsIn("PREPROCESSED", 3);
    try (Instance first = new Instance(dir)) {
      assertThat(first.opened.outcome()).isEqualTo("new");
      first.poll();
      lateRun(preprocessed.get(0), Instant.parse("2026-11-26T09:11:30Z"));
      balsam.writes.createJobs(List.of(NewJob.of("later/job_1", 1, Map.of("experiment", "x"))));
      first.poll();
      lateRun(preprocessed.get(1), Instant.parse("2026-11-26T07:00:00Z"));
      first.poll();
    }
  }

  private static List<String> gauges(List<String> domain) {
    return domain.stream().filter(line -> line.startsWith("balsam_jobs{")).toList();
  }

  private Path stateFile() {
    return dir.resolve(StateFile.FILE_NAME);
  }

  @Test
  void aRestartReadsNoHistoryAndEndsExactlyWhereAFreshSyncEnds() throws IOException {
    runAndStop();
    // While it is down: an event stamped three hours back, and a new job.
    lateRun(DevFixture.jobIdsIn("PREPROCESSED", 3).get(2), Instant.parse("2026-11-26T06:00:00Z"));
    balsam.writes.createJobs(List.of(NewJob.of("later/job_2", 1, Map.of("experiment", "y"))));

    try (Instance restarted = new Instance(dir)) {
      assertThat(restarted.opened.outcome()).isEqualTo("restored");
      assertThat(restarted.opened.updatesRestored()).isGreaterThanOrEqualTo(4);
      assertThat(restarted.poller.synced()).isTrue();
      balsam.simulator.resetServerCost();
      restarted.poll();
      ServerCost restart = balsam.simulator.serverCost();
      // The login, sites, apps, batch jobs, changed jobs, the job count, the events of the changed
      // jobs and one event count that checks the restored tallies: no page of history.
      assertThat(restart.requests()).isEqualTo(8);
      assertThat(restart.rowsSerialised()).isLessThan(50);
      assertThat(restarted.domain()).isEqualTo(freshDomain());

      // And it goes on as any exporter does: a deletion drops the job from the gauges (counters
      // keep what was counted, so only the gauges can equal a fresh exporter's).
      balsam.writes.deleteJobs(DevFixture.jobIdsIn("JOB_FINISHED", 1));
      // Found by the count of all jobs, on its schedule.
      balsam.clock.advance(IngestSettings.DEFAULT_JOBS_CHECK_INTERVAL);
      restarted.poll();
      assertThat(gauges(restarted.domain())).isEqualTo(gauges(freshDomain()));
    }
  }

  @Test
  void aProcessKilledInTheMiddleOfAWriteLosesNothingAndCountsNothingTwice() throws IOException {
    runAndStop();
    byte[] whole = Files.readAllBytes(stateFile());
    List<String> fresh = freshDomain();
    // Every cut through the last update, as SIGKILL could leave it, and a few further back.
    long lastUpdateStart = lastEndBefore(whole, whole.length);
    List<Long> cuts = new ArrayList<>();
    for (long cut = lastUpdateStart + 1;
        cut < whole.length;
        cut += Math.max(1, (whole.length - lastUpdateStart) / 25)) {
      cuts.add(cut);
    }
    cuts.add((long) whole.length - 1);
    for (long cut : cuts) {
      Files.write(stateFile(), java.util.Arrays.copyOf(whole, (int) cut));
      try (LogCapture log = LogCapture.start();
          Instance restarted = new Instance(dir)) {
        assertThat(restarted.opened.outcome()).as("cut at %d", cut).isEqualTo("restored");
        assertThat(log.text()).contains("cutting a torn last update off the state file");
        restarted.poll();
        assertThat(restarted.domain()).as("cut at %d", cut).isEqualTo(fresh);
      }
    }
  }

  @Test
  void aCorruptFileIsSetAsideWithOneLogLineAndTheExporterSyncsFromScratch() throws IOException {
    runAndStop();
    try (RandomAccessFile file = new RandomAccessFile(stateFile().toFile(), "rw")) {
      long middle = file.length() / 2;
      file.seek(middle);
      int b = file.read();
      file.seek(middle);
      file.write(b ^ 0x5a);
    }
    try (LogCapture log = LogCapture.start();
        Instance restarted = new Instance(dir)) {
      assertThat(restarted.opened.outcome()).isEqualTo("set aside");
      assertThat(restarted.poller.synced()).isFalse();
      assertThat(log.text().lines().filter(l -> l.contains("state file set aside")).count())
          .isEqualTo(1);
      assertThat(log.text()).contains("reason=\"checksum fails at");
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .anyMatch(name -> name.startsWith(StateFile.FILE_NAME + ".set-aside-"));
      }
      restarted.poll();
      assertThat(restarted.domain()).isEqualTo(freshDomain());
    }
  }

  @Test
  void aFileOfAnotherUserOrServerIsSetAside() throws IOException {
    runAndStop();
    try (LogCapture log = LogCapture.start()) {
      StateFile.Opened other =
          StateFile.open(dir, identity("someone-else"), (u, c) -> {}, balsam.clock);
      other.file().close();
      assertThat(other.outcome()).isEqualTo("set aside");
      assertThat(other.updatesRestored()).isZero();
      assertThat(log.text()).contains("written for another server, user");
    }
  }

  @Test
  void aFileThatIsNotOursIsSetAside() throws IOException {
    Files.writeString(stateFile(), "not a state file\n");
    try (LogCapture log = LogCapture.start();
        Instance started = new Instance(dir)) {
      assertThat(started.opened.outcome()).isEqualTo("set aside");
      assertThat(log.text()).contains("reason=\"not a state file\"");
      started.poll();
      assertThat(started.domain()).isEqualTo(freshDomain());
    }
  }

  @Test
  void aFrameWhoseChecksumHoldsButThatDoesNotDecodeIsSetAside() throws IOException {
    runAndStop();
    byte[] file = Files.readAllBytes(stateFile());
    // The first frame after the header: its payload overwritten, its checksum made to match.
    int header = Frames.MAGIC.length;
    int frame = header + 9 + ByteBuffer.wrap(file, header, 4).getInt();
    int length = ByteBuffer.wrap(file, frame, 4).getInt();
    java.util.Arrays.fill(file, frame + 9, frame + 9 + length, (byte) 0xff);
    ByteBuffer.wrap(file, frame + 4, 4).putInt(crc(file[frame + 8], file, frame + 9, length));
    Files.write(stateFile(), file);

    try (LogCapture log = LogCapture.start();
        Instance restarted = new Instance(dir)) {
      assertThat(restarted.opened.outcome()).isEqualTo("set aside");
      assertThat(restarted.opened.updatesRestored()).isZero();
      assertThat(restarted.poller.synced()).isFalse();
      assertThat(log.text()).contains("does not decode: malformed state frame");
      restarted.poll();
      assertThat(restarted.domain()).isEqualTo(freshDomain());
    }
  }

  @Test
  void aFileOfAnEarlierFormatIsSetAside() throws IOException {
    StateFile.Identity identity = identity("dev");
    StateFormat.Header first =
        new StateFormat.Header(
            1,
            identity.server(),
            identity.user(),
            StateFormat.micros(identity.since()),
            identity.tagKeys(),
            null);
    byte[] json = StateFormat.encode(first);
    ByteBuffer file = ByteBuffer.allocate(Frames.MAGIC.length + 9 + json.length);
    file.put(Frames.MAGIC).putInt(json.length);
    file.putInt(crc(Frames.HEADER, json, 0, json.length)).put(Frames.HEADER).put(json);
    Files.write(stateFile(), file.array());

    try (LogCapture log = LogCapture.start();
        Instance started = new Instance(dir)) {
      assertThat(started.opened.outcome()).isEqualTo("set aside");
      assertThat(log.text())
          .contains("reason=\"format 1, this version reads " + StateFile.FORMAT + "\"");
    }
  }

  private static int crc(byte kind, byte[] bytes, int from, int length) {
    CRC32C crc = new CRC32C();
    crc.update(kind);
    crc.update(bytes, from, length);
    return (int) crc.getValue();
  }

  /**
   * Where the last whole update before {@code limit} ends: the frames are walked from the start.
   */
  private static long lastEndBefore(byte[] file, int limit) {
    int pos = Frames.MAGIC.length;
    long lastEnd = pos;
    long beforeLast = pos;
    while (pos + 9 <= limit) {
      int length = java.nio.ByteBuffer.wrap(file, pos, 4).getInt();
      byte kind = file[pos + 8];
      int next = pos + 9 + length;
      if (next > limit) {
        break;
      }
      if (kind == Frames.END) {
        beforeLast = lastEnd;
        lastEnd = next;
      } else if (kind == Frames.HEADER) {
        lastEnd = next;
        beforeLast = next;
      }
      pos = next;
    }
    return lastEnd == limit ? beforeLast : lastEnd;
  }
}

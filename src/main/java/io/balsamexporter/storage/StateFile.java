package io.balsamexporter.storage;

import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.IngestSink;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.log.LogLine;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's state on disk: {@value #FILE_NAME} in the storage directory, a snapshot of what
 * the exporter keeps followed by the updates of the polls since, in the order applied.
 *
 * <p>After {@link Frames#MAGIC}, a header frame names the format version, the Balsam server and
 * user, {@code --events.since} and the tag label keys (a file whose header differs is not ours to
 * use) and when the snapshot was written. The snapshot's frames ({@link Snapshot}) come next, then
 * each poll's update as one or more frames, the last of kind {@link Frames#END}, flushed to the
 * disk ({@code fsync}) before the next poll starts: a process killed at any moment leaves whole
 * updates followed by at most one torn one, which is cut off at start (and its poll made again).
 *
 * <p>When the updates since the snapshot outweigh a quarter of it ({@link CompactionRule}), the
 * file is compacted: the snapshot of everything is written aside, flushed, renamed over the file
 * and the directory flushed, so a kill at any step leaves the old file or the new one, whole. The
 * file's size and the restart's time are so bounded by what the exporter keeps, not by its uptime.
 *
 * <p>A frame whose CRC fails before the end or whose payload does not decode, a snapshot without
 * its end, an unreadable header, or a header of another server, user or format is set aside
 * (renamed, one log line) and the exporter syncs from scratch.
 */
public final class StateFile implements IngestSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

  public static final String FILE_NAME = "balsam-exporter.state";
  static final String COMPACTING = FILE_NAME + ".compacting";
  // 4 kept each event's app too, for the failure families' app label; 5 adds snapshots. Format 4
  // is format 5 without snapshots: read as it is, and compacted into format 5. Older formats lack
  // the payloads or the apps and are set aside.
  static final int FORMAT = 5;
  private static final int OLDEST_READ = 4;

  /** Takes the restored updates, in order. */
  @FunctionalInterface
  public interface Restorer {
    void restore(PollUpdate update, Checkpoint checkpoint);
  }

  /** Whose state a file holds: a file of another server, user or setting is not reused. */
  public record Identity(String server, String user, Instant since, List<String> tagKeys) {
    public Identity {
      tagKeys = List.copyOf(tagKeys);
    }

    StateFormat.Header header() {
      return new StateFormat.Header(FORMAT, server, user, StateFormat.micros(since), tagKeys, null);
    }
  }

  /** What {@link #open} found. */
  public record Opened(StateFile file, long updatesRestored, long bytes, String outcome) {}

  private final Path path;
  private final StateFormat.Header header;
  private final Clock clock;
  private final CompactionRule rule;
  private FileChannel channel;
  // Goes on writing where the file ends, from the inventory its last update left.
  private StateEncoder encoder;
  private long snapshotBytes;
  // True while the updates appended since the file was opened are a first sync's pages.
  private boolean firstSyncWritten;
  private long logBytes;
  private long failedCompactionAt = -1;
  private boolean broken;
  private volatile long fileBytes;
  private volatile Instant compacted;

  private StateFile(
      Path path,
      StateFormat.Header header,
      Clock clock,
      CompactionRule rule,
      StateFileScan.Result scan,
      StateEncoder encoder)
      throws IOException {
    this.path = path;
    this.header = header;
    this.clock = clock;
    this.rule = rule;
    this.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    this.encoder = encoder;
    this.fileBytes = channel.size();
    this.snapshotBytes = scan.snapshotEnd();
    this.logBytes = fileBytes - snapshotBytes;
    this.compacted = scan.written();
  }

  /**
   * Opens the state in {@code dir} (created if missing): hands every whole update it holds to
   * {@code restorer}, in order, and returns a file that appends the updates to come. A file that
   * cannot be used is set aside first, with one log line.
   *
   * @throws IOException when the directory cannot be created or written
   */
  public static Opened open(Path dir, Identity identity, Restorer restorer, Clock clock)
      throws IOException {
    return open(dir, identity, restorer, clock, CompactionRule.configured());
  }

  static Opened open(
      Path dir, Identity identity, Restorer restorer, Clock clock, CompactionRule rule)
      throws IOException {
    Files.createDirectories(dir);
    Path path = dir.resolve(FILE_NAME);
    if (Files.deleteIfExists(dir.resolve(COMPACTING))) {
      LOG.warn(
          "{}",
          LogLine.msg("removed the copy of an interrupted compaction; the state file is whole")
              .with("path", path));
    }
    StateFormat.Header expected = identity.header();
    long restored = 0;
    String outcome = "new";
    StateDecoder decoder = new StateDecoder();
    StateFileScan.Result scan = null;
    if (Files.exists(path)) {
      // Checked whole first (checksums, and every frame decoded), then applied: a file found bad
      // half-way through must not leave the poller half restored.
      scan = StateFileScan.scan(path, expected, OLDEST_READ);
      if (scan.problem() != null) {
        setAside(path, scan.problem(), clock);
        outcome = "set aside";
        scan = null;
      } else {
        if (scan.wholeUpTo() < Files.size(path)) {
          LOG.warn(
              "{}",
              LogLine.msg("cutting a torn last update off the state file")
                  .with("path", path)
                  .with("bytes_cut", Files.size(path) - scan.wholeUpTo()));
          try (FileChannel cut = FileChannel.open(path, StandardOpenOption.WRITE)) {
            cut.truncate(scan.wholeUpTo());
            cut.force(true);
          }
        }
        restored = replay(path, scan.wholeUpTo(), restorer, decoder);
        outcome = "restored";
      }
    }
    if (scan == null) {
      Instant now = clock.instant();
      create(path, expected.writtenAt(now));
      scan = StateFileScan.scan(path, expected, OLDEST_READ);
    }
    StateFile file =
        new StateFile(path, expected, clock, rule, scan, new StateEncoder(decoder.inventory()));
    return new Opened(file, restored, file.fileBytes, outcome);
  }

  /** An update taken back at start came from this file: it holds it already. */
  @Override
  public void apply(PollUpdate update) {}

  /**
   * Appends the update and its checkpoint, flushed to the disk before the next poll starts; then
   * compacts the file when the rule says so.
   */
  @Override
  public synchronized void apply(PollUpdate update, Checkpoint checkpoint) {
    if (broken) {
      return;
    }
    try {
      long before = channel.size();
      List<byte[]> frames = encoder.encode(update, checkpoint);
      for (int i = 0; i < frames.size(); i++) {
        Frames.write(channel, i == frames.size() - 1 ? Frames.END : Frames.PART, frames.get(i));
      }
      channel.force(false);
      fileBytes = channel.size();
      logBytes += fileBytes - before;
    } catch (IOException | RuntimeException e) {
      fail("cannot write the state file; restarts will sync from scratch", e);
      return;
    }
    // Not during a first sync: its pages hold nothing a later one replaces, and compacting between
    // them would rewrite the growing history again and again. When it ends, what it wrote is what
    // a snapshot would hold (a snapshot of it is no smaller), so it stands as one for the rule
    // instead of being copied at once: 6 s of work for nothing at ten million events.
    if (!checkpoint.synced()) {
      firstSyncWritten = true;
      return;
    }
    if (firstSyncWritten) {
      snapshotBytes = fileBytes;
      logBytes = 0;
    }
    firstSyncWritten = false;
    if (rule.due(snapshotBytes, logBytes) && logBytes > failedCompactionAt) {
      compact();
    }
  }

  /** Compacts now, whatever the rule says: for tests and benchmarks. */
  synchronized void compactNow() {
    if (!broken) {
      compact();
    }
  }

  /** The file's size in bytes now. */
  public long bytes() {
    return fileBytes;
  }

  /** When the file was last compacted, or created; unknown for a file of an older format. */
  public Optional<Instant> lastCompaction() {
    return Optional.ofNullable(compacted);
  }

  private void compact() {
    Instant now = clock.instant();
    long started = System.nanoTime();
    long before = fileBytes;
    Path aside = path.resolveSibling(COMPACTING);
    StateEncoder next;
    try (FileChannel out =
        FileChannel.open(
            aside,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      Frames.writeMagic(out);
      Frames.write(out, Frames.HEADER, StateFormat.encode(header.writtenAt(now)));
      next = Snapshot.write(path, out, () -> rule.reached(CompactionRule.Step.WRITING));
      out.force(true);
    } catch (IOException | RuntimeException e) {
      // The file is whole as it was: appends go on, and compaction waits for as much log again.
      failedCompactionAt = logBytes + logBytes;
      LOG.warn(
          "{}",
          LogLine.msg("cannot compact the state file; it goes on growing")
              .with("path", path)
              .with("error", e.toString()));
      try {
        Files.deleteIfExists(aside);
      } catch (IOException ignored) {
        // Removed at the next start.
      }
      return;
    }
    rule.reached(CompactionRule.Step.WRITTEN);
    try {
      Files.move(aside, path, StandardCopyOption.ATOMIC_MOVE);
      rule.reached(CompactionRule.Step.RENAMED);
      syncDirectory(path.getParent());
      rule.reached(CompactionRule.Step.SYNCED);
      channel.close();
      channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      encoder = next;
      fileBytes = channel.size();
      snapshotBytes = fileBytes;
      logBytes = 0;
      failedCompactionAt = -1;
      compacted = now;
    } catch (IOException | RuntimeException e) {
      fail("cannot reopen the state file after compacting it; restarts will sync from scratch", e);
      return;
    }
    LOG.info(
        "{}",
        LogLine.msg("state file compacted")
            .with("bytes_before", before)
            .with("bytes_after", fileBytes)
            .with("took_ms", (System.nanoTime() - started) / 1_000_000));
  }

  /** What is on disk now may lack an update: a restart must not trust it. */
  private void fail(String message, Exception e) {
    broken = true;
    LOG.error("{}", LogLine.msg(message).with("path", path).with("error", e.toString()));
    try {
      channel.close();
      setAside(path, "a write failed", clock);
    } catch (IOException ignored) {
      // Already said: the file is not to be trusted, and a header check will refuse it.
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel.isOpen()) {
      channel.close();
    }
  }

  /** Makes a rename in {@code dir} durable: the directory's own entry is flushed. */
  private static void syncDirectory(Path dir) throws IOException {
    try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  private static void create(Path path, StateFormat.Header header) throws IOException {
    Path tmp = path.resolveSibling(FILE_NAME + ".new");
    try (FileChannel out =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      Frames.writeMagic(out);
      Frames.write(out, Frames.HEADER, StateFormat.encode(header));
      out.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(path.getParent());
  }

  private static void setAside(Path path, String reason, Clock clock) throws IOException {
    Path aside = path.resolveSibling(FILE_NAME + ".set-aside-" + clock.millis());
    Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
    LOG.warn(
        "{}",
        LogLine.msg("state file set aside; syncing from scratch")
            .with("reason", reason)
            .with("moved_to", aside));
  }

  private static long replay(Path path, long upTo, Restorer restorer, StateDecoder decoder)
      throws IOException {
    long updates = 0;
    try (Frames.Reader in = new Frames.Reader(path)) {
      in.magic();
      in.next();
      while (in.position() < upTo) {
        Frames.Reader.Frame frame = in.next();
        StateDecoder.Restored part = decoder.decode(frame.payload());
        restorer.restore(part.update(), part.checkpoint());
        if (frame.endsWhole()) {
          updates++;
        }
      }
    }
    return updates;
  }
}

package io.balsamexporter.storage;

import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.IngestSink;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.log.LogLine;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's state on disk: {@value #FILE_NAME} in the storage directory, the updates of every
 * poll in the order applied.
 *
 * <p>The file starts with {@link #MAGIC} and a header frame naming the format version, the Balsam
 * server and user, {@code --events.since} and the tag label keys; a file whose header differs is
 * not ours to use. Each frame is {@code [length: int][CRC32C: int][kind: byte][payload]}, the CRC
 * over the kind and the payload: JSON for the header, the binary of {@link StateEncoder} for the
 * rest. A poll's update spans one or more frames, the last of kind {@link #END}, and is flushed to
 * the disk ({@code fsync}) before the next poll starts.
 *
 * <p>So a process killed at any moment leaves whole updates followed by at most one torn one: at
 * start the torn tail is cut off and the poll it carried is simply made again. A frame whose CRC
 * fails before the end or whose payload does not decode, an unreadable header, or a header of
 * another server, user or format is set aside (renamed, one log line) and the exporter syncs from
 * scratch.
 */
public final class StateFile implements IngestSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

  public static final String FILE_NAME = "balsam-exporter.state";
  static final int FORMAT = 2;
  static final byte[] MAGIC = "BXSTATE\n".getBytes(StandardCharsets.US_ASCII);
  static final byte HEADER = 0;
  static final byte PART = 1;
  static final byte END = 2;
  private static final int FRAME_HEAD = 9;

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
      return new StateFormat.Header(FORMAT, server, user, StateFormat.micros(since), tagKeys);
    }
  }

  /** What {@link #open} found. */
  public record Opened(StateFile file, long updatesRestored, long bytes, String outcome) {}

  private final Path path;
  private final Clock clock;
  // Goes on writing where the file ends, from the inventory its last update left.
  private final StateEncoder encoder;
  private FileChannel channel;
  private boolean broken;

  private StateFile(Path path, FileChannel channel, Clock clock, StateEncoder encoder) {
    this.path = path;
    this.channel = channel;
    this.clock = clock;
    this.encoder = encoder;
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
    Files.createDirectories(dir);
    Path path = dir.resolve(FILE_NAME);
    StateFormat.Header expected = identity.header();
    long restored = 0;
    String outcome = "new";
    StateDecoder decoder = new StateDecoder();
    if (Files.exists(path)) {
      // Checked whole first (checksums, and every frame decoded), then applied: a file found bad
      // half-way through must not leave the poller half restored.
      Scan scan = scan(path, expected);
      if (scan.problem() != null) {
        setAside(path, scan.problem(), clock);
        outcome = "set aside";
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
    if (!Files.exists(path)) {
      create(path, expected);
    }
    FileChannel channel =
        FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    return new Opened(
        new StateFile(path, channel, clock, new StateEncoder(decoder.inventory())),
        restored,
        Files.size(path),
        outcome);
  }

  /** An update taken back at start came from this file: it holds it already. */
  @Override
  public void apply(PollUpdate update) {}

  /** Appends the update and its checkpoint, flushed to the disk before the next poll starts. */
  @Override
  public synchronized void apply(PollUpdate update, Checkpoint checkpoint) {
    if (broken) {
      return;
    }
    try {
      List<byte[]> frames = encoder.encode(update, checkpoint);
      for (int i = 0; i < frames.size(); i++) {
        write(channel, i == frames.size() - 1 ? END : PART, frames.get(i));
      }
      channel.force(false);
    } catch (IOException | RuntimeException e) {
      // What is on disk now may lack this update: a restart must not trust it.
      broken = true;
      LOG.error(
          "{}",
          LogLine.msg("cannot write the state file; restarts will sync from scratch")
              .with("path", path)
              .with("error", e.toString()));
      try {
        channel.close();
        setAside(path, "a write failed", clock);
      } catch (IOException ignored) {
        // Already said: the file is not to be trusted, and a header check will refuse it.
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel.isOpen()) {
      channel.close();
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
      out.write(ByteBuffer.wrap(MAGIC));
      write(out, HEADER, StateFormat.encode(header));
      out.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void write(FileChannel out, byte kind, byte[] payload) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(FRAME_HEAD);
    head.putInt(payload.length).putInt(crc(kind, payload, payload.length)).put(kind).flip();
    ByteBuffer body = ByteBuffer.wrap(payload);
    while (head.hasRemaining() || body.hasRemaining()) {
      out.write(new ByteBuffer[] {head, body});
    }
  }

  private static int crc(byte kind, byte[] payload, int length) {
    CRC32C crc = new CRC32C();
    crc.update(kind);
    crc.update(payload, 0, length);
    return (int) crc.getValue();
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

  /** Where the whole updates end, or why the file cannot be used. */
  private record Scan(long wholeUpTo, String problem) {}

  private static Scan scan(Path path, StateFormat.Header expected) throws IOException {
    try (FrameReader in = new FrameReader(path)) {
      if (!in.magic()) {
        return new Scan(0, "not a state file");
      }
      FrameReader.Frame header = in.next();
      if (header == null || header.kind() != HEADER || !header.crcOk()) {
        return new Scan(0, "unreadable header");
      }
      StateFormat.Header found;
      try {
        found = StateFormat.decodeHeader(header.payload());
      } catch (IOException e) {
        return new Scan(0, "unreadable header");
      }
      if (found.format() != FORMAT) {
        return new Scan(0, "format " + found.format() + ", this version reads " + FORMAT);
      }
      if (!found.equals(expected)) {
        return new Scan(0, "written for another server, user, --events.since or tag labels");
      }
      long whole = in.position();
      StateDecoder checker = new StateDecoder();
      while (true) {
        long start = in.position();
        FrameReader.Frame frame;
        try {
          frame = in.next();
        } catch (EOFException torn) {
          return new Scan(whole, null);
        }
        if (frame == null) {
          return new Scan(whole, null);
        }
        if (!frame.crcOk() || (frame.kind() != PART && frame.kind() != END)) {
          // A bad last frame is a torn write; a bad frame with more after it is corruption.
          return in.atEnd() ? new Scan(whole, null) : new Scan(0, "checksum fails at " + start);
        }
        try {
          checker.check(frame.payload());
        } catch (IOException | RuntimeException e) {
          return new Scan(0, "frame at " + start + " does not decode: " + e.getMessage());
        }
        if (frame.kind() == END) {
          whole = in.position();
        }
      }
    }
  }

  private static long replay(Path path, long upTo, Restorer restorer, StateDecoder decoder)
      throws IOException {
    long updates = 0;
    try (FrameReader in = new FrameReader(path)) {
      in.magic();
      in.next();
      while (in.position() < upTo) {
        FrameReader.Frame frame = in.next();
        StateDecoder.Restored part = decoder.decode(frame.payload());
        restorer.restore(part.update(), part.checkpoint());
        if (frame.kind() == END) {
          updates++;
        }
      }
    }
    return updates;
  }

  /** Reads frames one by one, checking each one's CRC. */
  private static final class FrameReader implements AutoCloseable {
    record Frame(byte kind, byte[] payload, boolean crcOk) {}

    private final FileChannel in;

    FrameReader(Path path) throws IOException {
      this.in = FileChannel.open(path, StandardOpenOption.READ);
    }

    boolean magic() throws IOException {
      ByteBuffer magic = ByteBuffer.allocate(MAGIC.length);
      return readFully(magic) && Arrays.equals(magic.array(), MAGIC);
    }

    long position() throws IOException {
      return in.position();
    }

    boolean atEnd() throws IOException {
      return in.position() >= in.size();
    }

    /** The next frame, null at the end; EOFException when the file ends inside one. */
    Frame next() throws IOException {
      if (atEnd()) {
        return null;
      }
      ByteBuffer head = ByteBuffer.allocate(FRAME_HEAD);
      if (!readFully(head)) {
        throw new EOFException("torn frame head");
      }
      head.flip();
      int length = head.getInt();
      int crc = head.getInt();
      byte kind = head.get();
      if (length < 0 || length > in.size() - in.position()) {
        throw new EOFException("torn frame");
      }
      ByteBuffer body = ByteBuffer.allocate(length);
      if (!readFully(body)) {
        throw new EOFException("torn frame");
      }
      byte[] payload = body.array();
      return new Frame(kind, payload, crc(kind, payload, length) == crc);
    }

    private boolean readFully(ByteBuffer buffer) throws IOException {
      while (buffer.hasRemaining()) {
        if (in.read(buffer) < 0) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}

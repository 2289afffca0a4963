package io.balsamexporter.storage;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The framing of a state file: {@link #MAGIC}, then frames of {@code [length: int][CRC32C:
 * int][kind: byte][payload]}, the CRC over the kind and the payload.
 */
final class Frames {
  static final byte[] MAGIC = "BXSTATE\n".getBytes(StandardCharsets.US_ASCII);

  /** The JSON header: format, server, user, {@code --events.since}, tag keys. */
  static final byte HEADER = 0;

  /** A part of a poll's update, more to come. */
  static final byte PART = 1;

  /** The last part of a poll's update. */
  static final byte END = 2;

  /** A part of a snapshot, which folds every update before it; only right after the header. */
  static final byte SNAPSHOT = 3;

  /** The last part of a snapshot: without it, the snapshot is torn. */
  static final byte SNAPSHOT_END = 4;

  private static final int FRAME_HEAD = 9;

  private Frames() {}

  static void write(FileChannel out, byte kind, byte[] payload) throws IOException {
    ByteBuffer head = ByteBuffer.allocate(FRAME_HEAD);
    head.putInt(payload.length).putInt(crc(kind, payload, payload.length)).put(kind).flip();
    ByteBuffer body = ByteBuffer.wrap(payload);
    while (head.hasRemaining() || body.hasRemaining()) {
      out.write(new ByteBuffer[] {head, body});
    }
  }

  static void writeMagic(FileChannel out) throws IOException {
    ByteBuffer magic = ByteBuffer.wrap(MAGIC);
    while (magic.hasRemaining()) {
      out.write(magic);
    }
  }

  private static int crc(byte kind, byte[] payload, int length) {
    CRC32C crc = new CRC32C();
    crc.update(kind);
    crc.update(payload, 0, length);
    return (int) crc.getValue();
  }

  /** Reads frames one by one, checking each one's CRC. */
  static final class Reader implements AutoCloseable {
    record Frame(byte kind, byte[] payload, boolean crcOk) {
      boolean ofSnapshot() {
        return kind == SNAPSHOT || kind == SNAPSHOT_END;
      }

      /** Ends what a restore can apply whole: an update, or a snapshot. */
      boolean endsWhole() {
        return kind == END || kind == SNAPSHOT_END;
      }
    }

    private final FileChannel in;

    Reader(Path path) throws IOException {
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

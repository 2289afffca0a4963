package io.balsamexporter.balsam;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Caps how many bytes of one response body are read. A server (or a proxy in front of it) that
 * sends an endless or absurdly large body must fail the request with a clear error, not fill the
 * heap with a page that never ends; the count is kept as bytes arrive, so nothing beyond the limit
 * is ever buffered, and the stream is closed at once, which makes the HTTP client drop the
 * connection instead of draining it.
 */
final class BodyLimit extends FilterInputStream {
  private final long limit;
  private long read;

  /** Thrown by a read that would pass the limit; its message is for logs, not for the user. */
  static final class TooLarge extends IOException {
    private final long limit;

    TooLarge(long limit) {
      super("response body larger than " + ByteSize.format(limit));
      this.limit = limit;
    }

    long limit() {
      return limit;
    }
  }

  BodyLimit(InputStream body, long limit) {
    super(body);
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    this.limit = limit;
  }

  @Override
  public int read() throws IOException {
    checkRoom();
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    checkRoom();
    // One byte more than the room left, so that a body of exactly the limit still reads whole.
    long room = limit - read + 1;
    int n = super.read(buffer, offset, (int) Math.min(length, room));
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    checkRoom();
    long skipped = super.skip(Math.min(n, limit - read + 1));
    counted(skipped);
    return skipped;
  }

  private void checkRoom() throws IOException {
    if (read > limit) {
      throw new TooLarge(limit);
    }
  }

  private void counted(long n) throws IOException {
    read += n;
    if (read > limit) {
      BodyDeadlines.closeQuietly(in);
      throw new TooLarge(limit);
    }
  }
}

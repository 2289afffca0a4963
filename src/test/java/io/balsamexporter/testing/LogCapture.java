package io.balsamexporter.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the exporter logs (slf4j-simple writes to the current {@code System.err}) while it
 * is open, still passing it on to the real stderr.
 */
public final class LogCapture implements AutoCloseable {
  private final PrintStream original = System.err;
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

  private LogCapture() {
    PrintStream copy = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setErr(
        new PrintStream(
            new java.io.OutputStream() {
              @Override
              public void write(int b) {
                copy.write(b);
                original.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                copy.write(b, off, len);
                original.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8));
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** Everything logged since {@link #start()}. */
  public synchronized String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}

package io.balsamexporter.log;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * How far a command that reads a whole history got, on standard error, rewritten in place about
 * once a second: {@code report: 1,200,000 events read, up to 2026-11-26T09:12:01Z}. Shown only on a
 * terminal or when asked ({@code --progress}), and never on standard output, which carries the
 * command's result.
 */
public final class Progress {
  /** Shows nothing. */
  public static final Progress OFF = new Progress(null, "", System::nanoTime, Duration.ZERO);

  private static final Duration EVERY = Duration.ofSeconds(1);

  private final PrintStream err;
  private final String name;
  private final LongSupplier nanoTime;
  private final long everyNanos;
  private long events;
  private long nextAt;
  private boolean shown;

  private Progress(PrintStream err, String name, LongSupplier nanoTime, Duration every) {
    this.err = err;
    this.name = name;
    this.nanoTime = nanoTime;
    this.everyNanos = every.toNanos();
    // The first page shows at once, so that a slow server is seen to answer.
    this.nextAt = nanoTime.getAsLong();
  }

  /**
   * Progress of {@code name} on {@code err} when {@code asked}, or when the process runs on a
   * terminal (Java sees one only when standard input and output are one; redirect the output to a
   * file and ask with {@code --progress}).
   */
  public static Progress of(String name, PrintStream err, boolean asked) {
    return asked || System.console() != null ? on(name, err, System::nanoTime, EVERY) : OFF;
  }

  /** Progress shown at most once per {@code every} of {@code nanoTime}: for tests. */
  public static Progress on(String name, PrintStream err, LongSupplier nanoTime, Duration every) {
    return new Progress(err, name, nanoTime, every);
  }

  /** A page of {@code count} events was read, the last one stamped {@code reached}. */
  public void read(int count, Instant reached) {
    events += count;
    if (err == null || count == 0) {
      return;
    }
    long now = nanoTime.getAsLong();
    if (now - nextAt >= 0) {
      err.printf("\r%s: %,d events read, up to %s", name, events, reached);
      err.flush();
      shown = true;
      nextAt = now + everyNanos;
    }
  }

  /** Ends the line the progress was written on, if any, so that what follows starts clean. */
  public void done() {
    if (err != null && shown) {
      err.printf("\r%s: %,d events read%n", name, events);
      err.flush();
    }
  }
}

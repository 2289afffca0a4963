package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read of the Balsam API that runs on a thread of its own while the caller does something else.
 * {@link #await} hands back its answer or throws its failure; {@link #close} abandons a read not
 * awaited and returns once its thread has stopped, so that nothing the read touches is still in use
 * when the caller goes on.
 */
final class BackgroundRead<T> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundRead.class);

  /** How long {@link #close} waits for an abandoned read to notice. */
  private static final long STOP_WAIT_SECONDS = 30;

  /** A read that may fail as Balsam reads do. */
  @FunctionalInterface
  interface Read<T> {
    T read() throws BalsamException;
  }

  private final String name;
  private final ExecutorService thread;
  private final Future<T> result;

  private BackgroundRead(String name, Read<T> read) {
    this.name = name;
    this.thread = daemonThread(name);
    this.result = thread.submit(read::read);
  }

  /** An executor of one daemon thread: a read in flight must not keep the JVM from exiting. */
  static ExecutorService daemonThread(String name) {
    return Executors.newSingleThreadExecutor(
        runnable -> {
          Thread t = new Thread(runnable, name);
          t.setDaemon(true);
          return t;
        });
  }

  /** Starts {@code read} on a daemon thread called {@code name}. */
  static <T> BackgroundRead<T> start(String name, Read<T> read) {
    return new BackgroundRead<>(name, read);
  }

  /** Waits for the read and returns its answer, or throws the exception it ended with. */
  T await() throws BalsamException {
    return answer(result);
  }

  @Override
  public void close() {
    result.cancel(true);
    stop(thread, name);
  }

  /**
   * Interrupts the reads {@code threads} run and returns once they have stopped (or after {@value
   * #STOP_WAIT_SECONDS} s, with a warning), so that none of them is still counted or still uses
   * what it touches when the caller goes on.
   */
  static void stop(ExecutorService threads, String name) {
    threads.shutdownNow();
    try {
      if (!threads.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("{} did not stop {} s after it was abandoned", name, STOP_WAIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The answer of a read run by an executor, with its failure thrown as it was thrown: a {@link
   * BalsamException} as itself, an interrupted or cancelled wait as {@code UNREACHABLE}.
   */
  static <T> T answer(Future<T> future) throws BalsamException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BalsamException balsam) {
        throw balsam;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      future.cancel(true);
      throw new BalsamException(BalsamException.Kind.UNREACHABLE, 0, "paging interrupted", e);
    } catch (CancellationException e) {
      throw new BalsamException(BalsamException.Kind.UNREACHABLE, 0, "paging cancelled", e);
    }
  }
}

package io.balsamexporter.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A server program a test runs (Prometheus, VictoriaMetrics), its output in a log file, never in a
 * pipe we would have to drain, so a stuck server cannot block the test. {@link #start} waits,
 * bounded, until it is ready; {@link #close} stops it and waits, bounded.
 */
final class ServerProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * A free port of 127.0.0.1, for a server that takes no port 0: the system picks one, and it is
   * handed over.
   */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /**
   * Runs {@code command} with its output in {@code log}, and returns once {@code ready} holds
   * (asked every {@code checkEvery}); if it exits first or is not ready within {@code patience},
   * stops it and fails with what it logged.
   */
  static ServerProcess start(
      String name,
      List<String> command,
      Path log,
      Duration patience,
      Duration checkEvery,
      BooleanSupplier ready)
      throws IOException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    ServerProcess server = new ServerProcess(name, process, log);
    try {
      Await.until(
          () -> name + " ready; its log:\n" + server.log(),
          patience,
          checkEvery,
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError(
                  name + " exited with " + process.exitValue() + ":\n" + server.log());
            }
            return ready.getAsBoolean();
          });
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** What it logged so far, for a failure message. */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** SIGTERM, and SIGKILL if it still runs 10 s later. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

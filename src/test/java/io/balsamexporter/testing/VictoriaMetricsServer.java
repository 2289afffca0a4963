package io.balsamexporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Single-node VictoriaMetrics from Debian's victoria-metrics package, on a free port of 127.0.0.1
 * with its own storage directory, for the README's recipe of one store behind an HA pair of
 * Prometheus servers. Its output goes to a file; {@link #close} stops it and waits, bounded.
 */
public final class VictoriaMetricsServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration CHECK_EVERY = Duration.ofMillis(200);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final int port;

  private VictoriaMetricsServer(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts it with its data and log in {@code workDir} and {@code flags} after its own, and waits
   * until {@code /health} answers; skips (outside CI) or fails (in CI) when it is not installed.
   * Queries see samples up to a second old (its default hides the last 30 s from queries, for late
   * samples of a cluster).
   */
  public static VictoriaMetricsServer start(Path workDir, List<String> flags) throws IOException {
    Path binary = RequiredBinary.onPath("victoria-metrics", "victoria-metrics");
    int port = PrometheusServer.freePort();
    Path log = workDir.resolve("victoria-metrics.log");
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "-storageDataPath=" + Files.createDirectories(workDir.resolve("data")),
                "-httpListenAddr=127.0.0.1:" + port,
                "-search.latencyOffset=1s",
                "-search.disableCache",
                "-loggerLevel=WARN"));
    command.addAll(flags);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    VictoriaMetricsServer server = new VictoriaMetricsServer(process, log, port);
    try {
      Await.until(
          () -> "victoria-metrics answers /health; its log:\n" + server.log(),
          STARTUP,
          CHECK_EVERY,
          () -> {
            if (!process.isAlive()) {
              throw new AssertionError("victoria-metrics exited:\n" + server.log());
            }
            return server.healthy();
          });
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Where Prometheus remote-writes to it. */
  public String remoteWriteUrl() {
    return "http://127.0.0.1:" + port + "/api/v1/write";
  }

  /** {@code GET /api/v1/query}, Prometheus's query API, parsed. */
  public JsonNode query(String expr) {
    return get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
  }

  /** {@code GET /api/v1/series} for one selector, parsed. */
  public JsonNode series(String selector) {
    return get("/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
  }

  private JsonNode get(String path) {
    try {
      return JSON.readTree(Http.get(port, path).body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean healthy() {
    try {
      return Http.get(port, "/health").statusCode() == 200;
    } catch (AssertionError e) {
      return false; // not listening yet: Http reports a refused connection so
    }
  }

  /** What it logged so far, for a failure message. */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

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

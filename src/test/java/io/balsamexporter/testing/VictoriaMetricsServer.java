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

/**
 * Single-node VictoriaMetrics from Debian's victoria-metrics package, on a free port of 127.0.0.1
 * with its own storage directory, for the README's recipe of one store behind an HA pair of
 * Prometheus servers. Its output goes to a file; {@link #close} stops it and waits, bounded.
 */
public final class VictoriaMetricsServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);
  private static final Duration CHECK_EVERY = Duration.ofMillis(200);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final ServerProcess process;

  private VictoriaMetricsServer(int port, ServerProcess process) {
    this.port = port;
    this.process = process;
  }

  /**
   * Starts it with its data and log in {@code workDir} and {@code flags} after its own, and waits
   * until {@code /health} answers; skips (outside CI) or fails (in CI) when it is not installed.
   * Queries see samples up to a second old (its default hides the last 30 s from queries, for late
   * samples of a cluster).
   */
  public static VictoriaMetricsServer start(Path workDir, List<String> flags) throws IOException {
    Path binary = RequiredBinary.onPath("victoria-metrics", "victoria-metrics");
    int port = ServerProcess.freePort();
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
    return new VictoriaMetricsServer(
        port,
        ServerProcess.start(
            "victoria-metrics",
            command,
            workDir.resolve("victoria-metrics.log"),
            STARTUP,
            CHECK_EVERY,
            () -> healthy(port)));
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

  private static boolean healthy(int port) {
    try {
      return Http.get(port, "/health").statusCode() == 200;
    } catch (AssertionError e) {
      return false; // not listening yet: Http reports a refused connection so
    }
  }

  /** What it logged so far, for a failure message. */
  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }
}

package io.balsamexporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Prometheus server from Debian's prometheus package, on a free port of 127.0.0.1 with its
 * own storage directory, queried through its HTTP API. Its output goes to a file, never to a pipe
 * we would have to drain, so a stuck Prometheus cannot block the test; {@link #close} stops it and
 * waits, bounded.
 */
public final class PrometheusServer implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(30);
  // Prometheus takes seconds to start; asking it every 20 ms would only slow it down.
  private static final Duration CHECK_EVERY = Duration.ofMillis(200);
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final ServerProcess process;

  private PrometheusServer(int port, ServerProcess process) {
    this.port = port;
    this.process = process;
  }

  /**
   * Starts Prometheus on {@code config}, keeping its data and log in {@code workDir}, and waits
   * until it is ready; skips (outside CI) or fails (in CI) when there is no prometheus binary.
   */
  public static PrometheusServer start(Path config, Path workDir) throws IOException {
    return start(config, Files.createDirectories(workDir.resolve("data")), workDir, List.of());
  }

  /**
   * Starts Prometheus on {@code config} with its storage in {@code dataDir} (e.g. blocks made by
   * promtool) and {@code extraFlags}, its log in {@code workDir}, and waits until it is ready.
   */
  public static PrometheusServer start(
      Path config, Path dataDir, Path workDir, List<String> extraFlags) throws IOException {
    Path binary = RequiredBinary.onPath("prometheus", "prometheus");
    int port = ServerProcess.freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + dataDir,
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
    command.addAll(extraFlags);
    return new PrometheusServer(
        port,
        ServerProcess.start(
            "prometheus",
            command,
            workDir.resolve("prometheus.log"),
            STARTUP,
            CHECK_EVERY,
            () -> readyStatus(port) == 200));
  }

  /** {@code GET /api/v1/query}: the whole JSON answer, whatever its status. */
  public JsonNode query(String expr) {
    return get("/api/v1/query?query=" + encode(expr));
  }

  /** {@code GET /api/v1/query_range} from {@code start} to now, one point every {@code step}. */
  public JsonNode queryRange(String expr, Instant start, Duration step) {
    Instant end = Instant.now();
    return get(
        "/api/v1/query_range?query="
            + encode(expr)
            + "&start="
            + start.getEpochSecond()
            + "&end="
            + end.getEpochSecond()
            + "&step="
            + Math.max(1, step.toSeconds()));
  }

  /**
   * {@code GET /api/v1/query_range} from {@code start} to {@code end}, one point every {@code
   * step}, to the millisecond: for data in the past, such as backfilled blocks.
   */
  public JsonNode queryRange(String expr, Instant start, Instant end, Duration step) {
    return get(
        "/api/v1/query_range?query="
            + encode(expr)
            + "&start="
            + seconds(start)
            + "&end="
            + seconds(end)
            + "&step="
            + seconds(Instant.EPOCH.plus(step)));
  }

  private static String seconds(Instant instant) {
    return java.math.BigDecimal.valueOf(instant.toEpochMilli(), 3).toPlainString();
  }

  /** {@code GET} of an API path, parsed as JSON. */
  public JsonNode get(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What Prometheus logged so far, for a failure message. */
  public String log() {
    return process.log();
  }

  @Override
  public void close() {
    process.close();
  }

  private static int readyStatus(int port) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/-/ready"))
            .timeout(Duration.ofSeconds(2))
            .build();
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      return -1; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

package io.balsamexporter.sim.api;

import io.balsamexporter.log.LogLine;
import io.balsamexporter.sim.cost.CostMeter;
import io.balsamexporter.sim.cost.ServerPace;
import io.balsamexporter.sim.request.SimRequest;
import io.balsamexporter.sim.request.SimResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges Javalin to the simulator: turns the request into a {@link SimRequest}, applies the {@link
 * Faults} around routing, and writes the {@link SimResponse} byte for byte (explicit
 * Content-Length, no compression, connection closed after a 500).
 */
public final class SimHttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(SimHttpHandler.class);
  private static final byte[] NOT_JSON =
      "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8);

  private final SimRouter router;
  private final Faults faults;
  private final CostMeter costs;
  private final Supplier<ServerPace> pace;
  private final Clock clock;

  /**
   * @param clock the server's clock: it stamps {@code Date} as it stamps {@code last_update}, so
   *     that a client can tell the server's time
   */
  public SimHttpHandler(
      SimRouter router, Faults faults, CostMeter costs, Supplier<ServerPace> pace, Clock clock) {
    this.router = router;
    this.faults = faults;
    this.costs = costs;
    this.pace = pace;
    this.clock = clock;
  }

  public void handle(Context ctx) {
    if (faults.isDown()) {
      // A request on a connection opened before down(): a server that is down answers nothing.
      Connections.dropAtOnce(
          ServletContextRequest.getServletContextRequest(ctx.req())
              .getConnectionMetaData()
              .getConnection()
              .getEndPoint());
      return;
    }
    pause(faults.delay());
    long started = System.nanoTime();
    SimRequest request = toRequest(ctx);
    Faults.Injected fault = faults.takeNext();
    if (fault == Faults.Injected.ENDLESS_BODY) {
      faults.endlessBodyEnded(writeEndless(ctx));
      return;
    }
    SimResponse response =
        switch (fault) {
          case ENDLESS_BODY -> throw new IllegalStateException("answered above");
          case SERVER_ERROR -> SimResponse.internalError();
          case MALFORMED_JSON -> SimResponse.json(200, NOT_JSON);
          case TRUNCATED_JSON -> truncated(route(request));
          case NONE -> afterPage(request, route(request));
        };
    costs.record(
        request.path(), response.rowsVisited(), response.rowsSerialised(), response.body().length);
    // The real server's time for this cost, less what building the answer took here.
    Duration paced =
        pace.get().of(request.path(), response.rowsVisited(), response.rowsSerialised());
    pause(paced.minusNanos(System.nanoTime() - started));
    write(ctx, response, clock.instant());
  }

  private SimResponse route(SimRequest request) {
    try {
      return router.route(request);
    } catch (RuntimeException e) {
      LOG.warn(
          "{}",
          LogLine.msg("simulated request failed")
              .with("method", request.method())
              .with("path", request.path())
              .with("error", e.toString()));
      return SimResponse.internalError();
    }
  }

  /** Runs a pending {@link Faults#onceAfterPage} action before the page leaves the server. */
  private SimResponse afterPage(SimRequest request, SimResponse response) {
    if (response.isOk()
        && request.method().equals("GET")
        && SimRouter.LISTINGS.contains(request.path())) {
      faults.takeAfterPage(request.path()).ifPresent(Runnable::run);
    }
    return response;
  }

  /**
   * Streams a page that never ends, chunk by chunk, without Content-Length: bounded by {@link
   * Faults#ENDLESS_BODY_CAP}, and over as soon as a write fails because the client hung up.
   */
  private static Faults.EndlessBody writeEndless(Context ctx) {
    ctx.status(200);
    ctx.contentType("application/json");
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    long sent = 0;
    try {
      OutputStream out = ctx.res().getOutputStream();
      byte[] opening = "{\"count\": 1, \"results\": [".getBytes(StandardCharsets.UTF_8);
      out.write(opening);
      sent += opening.length;
      while (sent < Faults.ENDLESS_BODY_CAP) {
        out.write(chunk);
        sent += chunk.length;
      }
      out.flush();
      return new Faults.EndlessBody(sent, false);
    } catch (IOException e) {
      return new Faults.EndlessBody(sent, true);
    }
  }

  private static SimResponse truncated(SimResponse full) {
    byte[] half = Arrays.copyOf(full.body(), full.body().length / 2);
    return SimResponse.json(200, half);
  }

  private static SimRequest toRequest(Context ctx) {
    String host = ctx.header("Host");
    String baseUrl =
        "http://" + (host == null ? ctx.req().getLocalAddr() + ":" + ctx.port() : host);
    return new SimRequest(
        ctx.method().name(),
        ctx.path(),
        ctx.queryString(),
        ctx.header("Authorization"),
        ctx.contentType(),
        ctx.bodyAsBytes(),
        baseUrl);
  }

  private static void write(Context ctx, SimResponse response, Instant now) {
    ctx.status(response.status());
    // As the server's own HTTP layer does, in whole seconds; replaces the one Jetty would write
    // from the machine's clock, which a simulator on a manual clock does not follow.
    ctx.header("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(now.atOffset(ZoneOffset.UTC)));
    if (response.contentType() != null) {
      ctx.contentType(response.contentType());
    } else {
      // Javalin presets text/plain; the server's redirects carry no content type.
      ctx.res().setContentType(null);
    }
    for (Map.Entry<String, String> header : response.headers().entrySet()) {
      ctx.header(header.getKey(), header.getValue());
    }
    if (response.closeConnection()) {
      ctx.header("Connection", "close");
    }
    ctx.res().setContentLength(response.body().length);
    ctx.result(response.body());
  }

  private static void pause(Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

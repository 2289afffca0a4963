package io.balsamexporter.sim;

import io.balsamexporter.sim.api.AuthRoutes;
import io.balsamexporter.sim.api.Connections;
import io.balsamexporter.sim.api.Faults;
import io.balsamexporter.sim.api.SimHttpHandler;
import io.balsamexporter.sim.api.SimRouter;
import io.balsamexporter.sim.api.SimTokens;
import io.balsamexporter.sim.cost.CostMeter;
import io.balsamexporter.sim.cost.ServerCost;
import io.balsamexporter.sim.cost.ServerPace;
import io.balsamexporter.sim.listing.EventIndexes;
import io.balsamexporter.sim.store.SimStore;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The simulated Balsam server over real HTTP: the read API, password login and bearer tokens of
 * balsam-api.md, on top of a {@link SimStore}. Tests and {@code --demo} talk to it exactly as to a
 * real server; {@link #faults()} makes it misbehave on demand.
 */
public final class BalsamSimulator implements AutoCloseable {
  private static final int MAX_THREADS = 32;
  private static final int REBIND_ATTEMPTS = 100;
  private static final Duration REBIND_PAUSE = Duration.ofMillis(20);
  private static final int SELECTORS = 1;

  /**
   * The real server runs under gunicorn with uvicorn workers, so uvicorn parses requests: with h11
   * it accepts up to 16 KiB of request line and headers (its {@code
   * h11_max_incomplete_event_size}), with httptools more. Jetty's default is 8 KiB, which would
   * refuse the ~15 kB URL of an {@code /events/?job_id=} request with 1,000 ids that the real
   * server serves (balsam-api.md §11).
   */
  static final int REQUEST_HEADER_BYTES = 16 * 1024;

  private final Javalin server;
  private final AuthRoutes auth;
  private final Faults faults;
  private final CostMeter costs = new CostMeter();
  private final AtomicReference<ServerPace> pace = new AtomicReference<>(ServerPace.NONE);
  private final String host;
  private final int port;
  private boolean listening = true;

  private BalsamSimulator(SimStore store, String host, int requestedPort) {
    SimTokens tokens = new SimTokens();
    this.auth = new AuthRoutes(store, tokens);
    this.faults = new Faults(new Switchboard(tokens));
    SimRouter router = new SimRouter(store, auth, new EventIndexes());
    SimHttpHandler handler = new SimHttpHandler(router, faults, costs, pace::get, store.clock());
    this.server =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.router.ignoreTrailingSlashes = false;
              cfg.http.compressionStrategy = CompressionStrategy.NONE;
              cfg.jetty.threadPool = new QueuedThreadPool(MAX_THREADS, 2);
              cfg.jetty.addConnector(
                  (jetty, http) -> selectorAccepting(jetty, http, host, requestedPort));
              // Every request goes through the simulator's own router, which follows Starlette's
              // 404/405/307 rules rather than Javalin's.
              cfg.routes.before(
                  ctx -> {
                    handler.handle(ctx);
                    ctx.skipRemainingHandlers();
                  });
            });
    server.start();
    this.host = host;
    this.port = server.port();
  }

  /**
   * A connector whose selector accepts connections, with no acceptor thread. Down and up stop and
   * start the connector; Jetty interrupts acceptor threads on stop without waiting for them, and
   * one that woke only after the restart would run a blocking accept on the new socket with its
   * interrupt flag set, which makes NIO close that socket: the port would refuse connections for
   * good. A selector never blocks in accept, so a restart cannot race with it.
   */
  private static ServerConnector selectorAccepting(
      Server jetty, HttpConfiguration http, String host, int port) {
    http.setRequestHeaderSize(REQUEST_HEADER_BYTES);
    ServerConnector connector =
        new ServerConnector(jetty, 0, SELECTORS, new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    return connector;
  }

  /** Starts on 127.0.0.1 on a free port. */
  public static BalsamSimulator start(SimStore store) {
    return start(store, "127.0.0.1", 0);
  }

  public static BalsamSimulator start(SimStore store, String host, int port) {
    return new BalsamSimulator(store, host, port);
  }

  /** {@code http://HOST:PORT}, without a trailing slash. */
  public URI baseUrl() {
    return URI.create("http://" + host + ":" + port);
  }

  public Faults faults() {
    return faults;
  }

  /**
   * What the requests served since the start or the last {@link #resetServerCost()} would have cost
   * the real server: see {@link ServerCost} for the model.
   */
  public ServerCost serverCost() {
    return costs.snapshot();
  }

  public void resetServerCost() {
    costs.reset();
  }

  /**
   * From now on, answers each request no sooner than the real server would, scaled (see {@link
   * ServerPace}); {@link ServerPace#NONE}, the default, answers at once.
   */
  public void pace(ServerPace pace) {
    this.pace.set(Objects.requireNonNull(pace, "pace"));
  }

  /** Lifetime of tokens issued from now on, measured on the store's clock. Default 48 h. */
  public void setTokenLifetime(Duration ttl) {
    auth.setTokenLifetime(ttl);
  }

  @Override
  public void close() {
    server.stop();
  }

  private synchronized void setListening(boolean wanted) {
    if (listening == wanted) {
      return;
    }
    for (Connector connector : server.jettyServer().server().getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        // Pin the port first: a connector configured with port 0 would pick a new one on restart.
        serverConnector.setPort(port);
        if (wanted) {
          rebind(serverConnector);
        } else {
          // Drop the open connections at once, so a client's pooled connection fails rather than
          // hangs, then stop: that closes the listening socket, so new connections are refused.
          List.copyOf(serverConnector.getConnectedEndPoints()).forEach(Connections::dropAtOnce);
          stop(serverConnector);
        }
      }
    }
    listening = wanted;
  }

  /**
   * Listens again on the same port. The old socket can linger for a moment after the connector
   * stopped (NIO closes a selector-registered channel lazily), so binding is retried for a bounded
   * time before giving up.
   */
  private void rebind(ServerConnector connector) {
    Exception last = null;
    for (int attempt = 0; attempt < REBIND_ATTEMPTS; attempt++) {
      try {
        connector.start();
        return;
      } catch (Exception e) {
        last = e;
        stop(connector);
        pauseBeforeRebind();
      }
    }
    throw new IllegalStateException("cannot listen again on port " + port, last);
  }

  private void stop(ServerConnector connector) {
    try {
      connector.stop();
    } catch (Exception e) {
      throw new IllegalStateException("cannot stop listening on port " + port, e);
    }
  }

  private static void pauseBeforeRebind() {
    try {
      Thread.sleep(REBIND_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listening again", e);
    }
  }

  /** How {@link Faults} reaches this server's socket and token signer. */
  private final class Switchboard implements Faults.Controls {
    private final SimTokens tokens;

    Switchboard(SimTokens tokens) {
      this.tokens = tokens;
    }

    @Override
    public void stopListening() {
      setListening(false);
    }

    @Override
    public void listenAgain() {
      setListening(true);
    }

    @Override
    public void invalidateTokens() {
      tokens.rotateSecret();
    }
  }
}

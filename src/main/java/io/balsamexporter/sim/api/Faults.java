package io.balsamexporter.sim.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Switches that make the simulated server misbehave the ways a real one does: unreachable, slow,
 * failing with 500, answering with broken JSON or a body without end, refusing old tokens. All are
 * thread-safe; a request suffers at most one of the counted faults, taken in the order server
 * error, malformed, truncated, endless.
 */
public final class Faults {
  /** The counted fault a request gets, if any. */
  enum Injected {
    NONE,
    SERVER_ERROR,
    MALFORMED_JSON,
    TRUNCATED_JSON,
    ENDLESS_BODY
  }

  /** The most an endless body sends before it gives up on the client hanging up: 1 GiB. */
  public static final long ENDLESS_BODY_CAP = 1L << 30;

  /**
   * How one endless body ended.
   *
   * @param bytesSent bytes of body written before it ended
   * @param clientHungUp true when the client closed the connection before {@link #ENDLESS_BODY_CAP}
   */
  record EndlessBody(long bytesSent, boolean clientHungUp) {}

  /** How the faults reach the listening socket and the token signer of their simulator. */
  public interface Controls {
    void stopListening();

    void listenAgain();

    void invalidateTokens();
  }

  private final Controls controls;
  private final AtomicReference<Duration> delay = new AtomicReference<>(Duration.ZERO);
  private final AtomicInteger serverErrors = new AtomicInteger();
  private final AtomicInteger malformed = new AtomicInteger();
  private final AtomicInteger truncated = new AtomicInteger();
  private final AtomicInteger endless = new AtomicInteger();
  private final Queue<EndlessBody> endlessDone = new ConcurrentLinkedQueue<>();
  private final Map<String, Queue<Runnable>> afterPage = new ConcurrentHashMap<>();

  private volatile boolean down;

  public Faults(Controls controls) {
    this.controls = controls;
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  public void down() {
    down = true;
    controls.stopListening();
  }

  /** Listens again on the same port. */
  public void up() {
    controls.listenAgain();
    down = false;
  }

  /** True between {@link #down()} and {@link #up()}: requests on old connections are dropped. */
  boolean isDown() {
    return down;
  }

  /** Delays every request by a real {@code delayPerRequest}; zero turns it off. */
  public void slow(Duration delayPerRequest) {
    if (delayPerRequest.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative, got " + delayPerRequest);
    }
    delay.set(delayPerRequest);
  }

  /**
   * The next requests get 500 {@code Internal Server Error} (text/plain) and a closed connection,
   * as the server does on an unhandled database error.
   */
  public void serverErrors(int nextRequests) {
    serverErrors.set(requireCount(nextRequests));
  }

  /** The next requests get 200 with a body that is not JSON. */
  public void malformedJson(int nextRequests) {
    malformed.set(requireCount(nextRequests));
  }

  /** The next requests get 200 with the first half of the body they would have had. */
  public void truncatedJson(int nextRequests) {
    truncated.set(requireCount(nextRequests));
  }

  /**
   * The next requests get 200 and a body that opens a page and never closes it: whitespace, in
   * chunks, until the client hangs up or {@link #ENDLESS_BODY_CAP} is sent. As a proxy or a broken
   * server streaming garbage would.
   */
  public void endlessBody(int nextRequests) {
    endless.set(requireCount(nextRequests));
  }

  /** How many endless bodies have ended so far, by the client hanging up or at the cap. */
  public int endlessBodiesEnded() {
    return endlessDone.size();
  }

  /** How many of those ended because the client closed the connection. */
  public int endlessBodiesHungUpOn() {
    return (int) endlessDone.stream().filter(EndlessBody::clientHungUp).count();
  }

  /** The most bytes any one endless body got to send before it ended. */
  public long endlessBodyMostBytesSent() {
    return endlessDone.stream().mapToLong(EndlessBody::bytesSent).max().orElse(0);
  }

  void endlessBodyEnded(EndlessBody outcome) {
    endlessDone.add(outcome);
  }

  /** Every token issued so far now fails with 401 {@code Could not validate credentials}. */
  public void expireAllTokens() {
    controls.invalidateTokens();
  }

  /**
   * Runs {@code action} once, right after the next successful page of the listing at {@code path}
   * (e.g. {@code "/events/"}) is computed and before it is sent, so the client's next request
   * already sees what the action changed.
   */
  public void onceAfterPage(String path, Runnable action) {
    Objects.requireNonNull(action, "action");
    if (!SimRouter.LISTINGS.contains(path)) {
      // A path that is not a listing (e.g. "/events" without the slash) would never fire.
      throw new IllegalArgumentException(
          "not a listing path: " + path + ", expected one of " + SimRouter.LISTINGS);
    }
    afterPage.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(action);
  }

  /** Clears every switch and listens again if the server was down. */
  public void reset() {
    delay.set(Duration.ZERO);
    serverErrors.set(0);
    malformed.set(0);
    truncated.set(0);
    endless.set(0);
    afterPage.clear();
    controls.listenAgain();
    down = false;
  }

  Duration delay() {
    return delay.get();
  }

  Injected takeNext() {
    if (takeOne(serverErrors)) {
      return Injected.SERVER_ERROR;
    }
    if (takeOne(malformed)) {
      return Injected.MALFORMED_JSON;
    }
    if (takeOne(truncated)) {
      return Injected.TRUNCATED_JSON;
    }
    if (takeOne(endless)) {
      return Injected.ENDLESS_BODY;
    }
    return Injected.NONE;
  }

  Optional<Runnable> takeAfterPage(String path) {
    Queue<Runnable> actions = afterPage.get(path);
    return actions == null ? Optional.empty() : Optional.ofNullable(actions.poll());
  }

  private static boolean takeOne(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static int requireCount(int nextRequests) {
    if (nextRequests < 0) {
      throw new IllegalArgumentException("request count must not be negative, got " + nextRequests);
    }
    return nextRequests;
  }
}

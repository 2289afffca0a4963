package io.balsamexporter.balsam;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * {@link BalsamApi} over {@code java.net.http}: one listing is one GET on the listing's canonical
 * path, plus one login and one repeat when Balsam refuses the token. Retries live in {@link
 * RetryingBalsamApi}, not here.
 */
public final class HttpBalsamClient implements BalsamApi {
  /** Connecting to a reachable server takes milliseconds; waiting long only delays the error. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final PageReader<Site> SITES = new PageReader<>(Site.class);
  private static final PageReader<App> APPS = new PageReader<>(App.class);
  private static final PageReader<Job> JOBS = new PageReader<>(Job.class);
  private static final PageReader<BatchJob> BATCH_JOBS = new PageReader<>(BatchJob.class);
  private static final PageReader<Event> EVENTS = new PageReader<>(Event.class);

  private final BalsamHttp http;
  private final BalsamAuthenticator authenticator;
  private final Clock clock;

  private HttpBalsamClient(BalsamHttp http, BalsamAuthenticator authenticator, Clock clock) {
    this.http = http;
    this.authenticator = authenticator;
    this.clock = clock;
  }

  public static Builder builder(URI baseUrl, BalsamAuthenticator authenticator) {
    return new Builder(baseUrl, authenticator);
  }

  @Override
  public Page<Site> sites(Query query) throws BalsamException {
    return list(Listing.SITES, query, SITES);
  }

  @Override
  public Page<App> apps(Query query) throws BalsamException {
    return list(Listing.APPS, query, APPS);
  }

  @Override
  public Page<Job> jobs(Query query) throws BalsamException {
    return list(Listing.JOBS, query, JOBS);
  }

  @Override
  public Page<BatchJob> batchJobs(Query query) throws BalsamException {
    return list(Listing.BATCH_JOBS, query, BATCH_JOBS);
  }

  @Override
  public Page<Event> events(Query query) throws BalsamException {
    return list(Listing.EVENTS, query, EVENTS);
  }

  @Override
  public Optional<Instant> tokenExpiry() {
    return authenticator.tokenExpiry();
  }

  private <T> Page<T> list(Listing listing, Query query, PageReader<T> reader)
      throws BalsamException {
    try (BalsamResponse response = getAuthenticated(listing.path(), query)) {
      return reader.read(response);
    }
  }

  private BalsamResponse getAuthenticated(String endpoint, Query query) throws BalsamException {
    BearerToken token = authenticator.token(http, clock.instant());
    try {
      return http.get(endpoint, query, token);
    } catch (BalsamException refused) {
      if (refused.status() != 401) {
        throw refused;
      }
      Optional<BearerToken> renewed = authenticator.renew(token, http, clock.instant());
      if (renewed.isEmpty()) {
        throw withAdvice(refused);
      }
      try {
        return http.get(endpoint, query, renewed.get());
      } catch (BalsamException again) {
        throw again.status() == 401 ? withAdvice(again) : again;
      }
    }
  }

  private BalsamException withAdvice(BalsamException refused) {
    return new BalsamException(
        Kind.UNAUTHORIZED,
        refused.status(),
        refused.getMessage() + authenticator.rejectionAdvice(clock.instant()),
        refused.getCause());
  }

  @Override
  public String toString() {
    return "HttpBalsamClient[" + http + ", auth=" + authenticator + "]";
  }

  /** The parts a client is built from; every one but the URL and credentials has a default. */
  public static final class Builder {
    private final URI baseUrl;
    private final BalsamAuthenticator authenticator;
    private Duration requestTimeout = BalsamTarget.DEFAULT_REQUEST_TIMEOUT;
    private long maxResponseBytes = BalsamTarget.DEFAULT_MAX_RESPONSE_BYTES;
    private Optional<Duration> connectTimeout = Optional.empty();
    private Optional<Path> caFile = Optional.empty();
    private RequestObserver observer = RequestObserver.NONE;
    private Clock clock = Clock.systemUTC();

    private Builder(URI baseUrl, BalsamAuthenticator authenticator) {
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
      Optional<BalsamUrl.Flaw> flaw = BalsamUrl.flawOf(baseUrl);
      if (flaw.isPresent() && flaw.get() == BalsamUrl.Flaw.USER_INFO) {
        // Balsam ignores user info in the URL; a password there would only end up in logs.
        throw new IllegalArgumentException(
            "Balsam URL must not contain a user name or password: "
                + Redirects.withoutUserInfo(baseUrl));
      }
      if (flaw.isPresent()) {
        throw new IllegalArgumentException(
            "Balsam URL must be http(s)://host[:port], got " + Redirects.withoutUserInfo(baseUrl));
      }
    }

    /** The longest one request may take, from sending to the last byte of the body. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "request timeout");
      return this;
    }

    /** The largest response body read; a longer one fails the request as BAD_RESPONSE. */
    public Builder maxResponseBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("max response size must be positive, got " + bytes);
      }
      this.maxResponseBytes = bytes;
      return this;
    }

    /** Defaults to {@link #DEFAULT_CONNECT_TIMEOUT}, or the request timeout if that is shorter. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Optional.of(positive(timeout, "connect timeout"));
      return this;
    }

    /** A PEM file of CA certificates trusted next to the system store. */
    public Builder caFile(Optional<Path> pemFile) {
      this.caFile = Objects.requireNonNull(pemFile, "pemFile");
      return this;
    }

    public Builder observer(RequestObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** The clock that decides when a token is due for renewal. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @throws IllegalArgumentException when the CA file cannot be read as PEM certificates
     */
    public HttpBalsamClient build() {
      Duration connect =
          connectTimeout.orElse(
              requestTimeout.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0
                  ? requestTimeout
                  : DEFAULT_CONNECT_TIMEOUT);
      Optional<SSLContext> ssl;
      try {
        ssl = caFile.isEmpty() ? Optional.empty() : Optional.of(CaTrust.withExtraCa(caFile.get()));
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      BalsamHttp http =
          BalsamHttp.create(baseUrl, connect, requestTimeout, maxResponseBytes, ssl, observer);
      return new HttpBalsamClient(http, authenticator, clock);
    }

    private static Duration positive(Duration duration, String what) {
      if (duration == null || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + duration);
      }
      return duration;
    }
  }
}

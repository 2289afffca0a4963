package io.balsamexporter.balsam;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The Balsam a client talks to and how: everything {@link BalsamClients} needs, and nothing else.
 *
 * @param url the API root, {@code http(s)://host[:port][/prefix]}
 * @param credentials how to authenticate
 * @param caFile an extra CA certificate (PEM) trusted next to the system store
 * @param requestTimeout the timeout of one HTTP request, from sending to the last byte
 * @param retries how many times a failed request is retried (connection errors and 5xx)
 * @param maxResponseBytes the largest response body read; a longer one fails the request
 */
public record BalsamTarget(
    URI url,
    Credentials credentials,
    Optional<Path> caFile,
    Duration requestTimeout,
    int retries,
    long maxResponseBytes) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_RETRIES = 3;

  /**
   * Far above the largest page Balsam sends (100,000 jobs, the most one page holds, are about 58
   * MB), and still small next to the heap the README suggests.
   */
  public static final long DEFAULT_MAX_RESPONSE_BYTES = 512L << 20;

  public BalsamTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException(
          "maxResponseBytes must be positive, got " + maxResponseBytes);
    }
  }

  /** A target with the default response size limit. */
  public BalsamTarget(
      URI url,
      Credentials credentials,
      Optional<Path> caFile,
      Duration requestTimeout,
      int retries) {
    this(url, credentials, caFile, requestTimeout, retries, DEFAULT_MAX_RESPONSE_BYTES);
  }
}

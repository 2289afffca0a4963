package io.balsamexporter.config;

import io.balsamexporter.balsam.BalsamTarget;
import io.balsamexporter.balsam.Credentials;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Which Balsam to watch and how to reach it; the defaults are {@link BalsamTarget}'s.
 *
 * @param url the Balsam API root; empty in demo mode
 * @param credentials how to authenticate
 * @param caFile an extra CA certificate (PEM) trusted next to the system store
 * @param requestTimeout the timeout of one HTTP request to Balsam
 * @param retries how many times a failed request is retried (connection errors and 5xx)
 * @param maxResponseBytes the largest response body read from Balsam
 */
public record BalsamConfig(
    Optional<URI> url,
    Credentials credentials,
    Optional<Path> caFile,
    Duration requestTimeout,
    int retries,
    long maxResponseBytes) {

  /** With the default response size limit. */
  public BalsamConfig(
      Optional<URI> url,
      Credentials credentials,
      Optional<Path> caFile,
      Duration requestTimeout,
      int retries) {
    this(
        url, credentials, caFile, requestTimeout, retries, BalsamTarget.DEFAULT_MAX_RESPONSE_BYTES);
  }

  /** The same settings, pointed at another Balsam: how the demo wires its simulator in. */
  public BalsamConfig pointedAt(URI newUrl, Credentials newCredentials) {
    return new BalsamConfig(
        Optional.of(newUrl), newCredentials, caFile, requestTimeout, retries, maxResponseBytes);
  }

  /** The same settings with another response size limit. */
  public BalsamConfig withMaxResponseBytes(long bytes) {
    return new BalsamConfig(url, credentials, caFile, requestTimeout, retries, bytes);
  }

  /**
   * What the client needs.
   *
   * @throws IllegalArgumentException when there is no URL (demo mode before its simulator runs)
   */
  public BalsamTarget target() {
    URI known = url.orElseThrow(() -> new IllegalArgumentException("a Balsam URL is required"));
    return new BalsamTarget(known, credentials, caFile, requestTimeout, retries, maxResponseBytes);
  }
}

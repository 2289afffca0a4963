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
 */
public record BalsamTarget(
    URI url, Credentials credentials, Optional<Path> caFile, Duration requestTimeout, int retries) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_RETRIES = 3;

  public BalsamTarget {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(caFile, "caFile");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }
}

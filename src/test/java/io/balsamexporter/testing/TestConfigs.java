package io.balsamexporter.testing;

import io.balsamexporter.config.Credentials;
import io.balsamexporter.config.ExporterConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Exporter configs for tests and the benchmark: the documented defaults, except what a test on
 * loopback needs (a free port on 127.0.0.1) and what it chooses.
 */
public final class TestConfigs {
  private TestConfigs() {}

  public static ExporterConfig loopback(
      Optional<URI> balsamUrl,
      Credentials credentials,
      int pageSize,
      Duration requestTimeout,
      int retries) {
    return new ExporterConfig(
        balsamUrl,
        credentials,
        Optional.empty(),
        requestTimeout,
        retries,
        pageSize,
        ExporterConfig.DEFAULT_POLL_INTERVAL,
        ExporterConfig.DEFAULT_LATE_WINDOW,
        Optional.empty(),
        List.of(),
        ExporterConfig.DEFAULT_TAG_VALUES_LIMIT,
        "127.0.0.1",
        0,
        false);
  }

  /** A {@code --demo} exporter on a free loopback port. */
  public static ExporterConfig demo() {
    return new ExporterConfig(
        Optional.empty(),
        new Credentials.None(),
        Optional.empty(),
        ExporterConfig.DEFAULT_REQUEST_TIMEOUT,
        ExporterConfig.DEFAULT_RETRIES,
        ExporterConfig.DEFAULT_PAGE_SIZE,
        ExporterConfig.DEFAULT_POLL_INTERVAL,
        ExporterConfig.DEFAULT_LATE_WINDOW,
        Optional.empty(),
        List.of(),
        ExporterConfig.DEFAULT_TAG_VALUES_LIMIT,
        "127.0.0.1",
        0,
        true);
  }
}

package io.balsamexporter.testing;

import io.balsamexporter.balsam.BalsamTarget;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.config.BalsamConfig;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.config.HttpConfig;
import io.balsamexporter.config.IngestConfig;
import io.balsamexporter.config.MetricsConfig;
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

  /** One page size for the polls and the first sync. */
  public static ExporterConfig loopback(
      Optional<URI> balsamUrl,
      Credentials credentials,
      int pageSize,
      Duration requestTimeout,
      int retries) {
    return loopback(balsamUrl, credentials, pageSize, pageSize, requestTimeout, retries);
  }

  public static ExporterConfig loopback(
      Optional<URI> balsamUrl,
      Credentials credentials,
      int pageSize,
      int firstSyncPageSize,
      Duration requestTimeout,
      int retries) {
    return new ExporterConfig(
        new BalsamConfig(balsamUrl, credentials, Optional.empty(), requestTimeout, retries),
        new IngestConfig(
            pageSize,
            firstSyncPageSize,
            IngestConfig.DEFAULT_POLL_INTERVAL,
            IngestConfig.DEFAULT_LATE_WINDOW,
            Optional.empty(),
            IngestConfig.DEFAULT_CHECK_INTERVAL,
            IngestConfig.DEFAULT_JOBS_CHECK_INTERVAL,
            Optional.empty(),
            IngestConfig.DEFAULT_PAYLOADS_KEPT),
        new MetricsConfig(List.of(), MetricsConfig.DEFAULT_TAG_VALUES_LIMIT),
        new HttpConfig("127.0.0.1", 0, Optional.empty()),
        false);
  }

  /** {@code base} with polls every {@code interval} instead of the default. */
  public static ExporterConfig pollingEvery(ExporterConfig base, Duration interval) {
    IngestConfig ingest = base.ingest();
    return new ExporterConfig(
        base.balsam(),
        new IngestConfig(
            ingest.pageSize(),
            ingest.firstSyncPageSize(),
            interval,
            ingest.lateWindow(),
            ingest.eventsSince(),
            ingest.checkInterval(),
            ingest.jobsCheckInterval(),
            ingest.storagePath(),
            ingest.payloadsKept()),
        base.metrics(),
        base.web(),
        base.demo());
  }

  /** {@code base} counting all jobs every {@code interval} ({@code --jobs.check-interval}). */
  public static ExporterConfig countingJobsEvery(ExporterConfig base, Duration interval) {
    IngestConfig ingest = base.ingest();
    return new ExporterConfig(
        base.balsam(),
        new IngestConfig(
            ingest.pageSize(),
            ingest.firstSyncPageSize(),
            ingest.pollInterval(),
            ingest.lateWindow(),
            ingest.eventsSince(),
            ingest.checkInterval(),
            interval,
            ingest.storagePath(),
            ingest.payloadsKept()),
        base.metrics(),
        base.web(),
        base.demo());
  }

  /** A {@code --demo} exporter on a free loopback port. */
  public static ExporterConfig demo() {
    return new ExporterConfig(
        new BalsamConfig(
            Optional.empty(),
            new Credentials.None(),
            Optional.empty(),
            BalsamTarget.DEFAULT_REQUEST_TIMEOUT,
            BalsamTarget.DEFAULT_RETRIES),
        new IngestConfig(
            IngestConfig.DEFAULT_PAGE_SIZE,
            IngestConfig.DEFAULT_FIRST_SYNC_PAGE_SIZE,
            IngestConfig.DEFAULT_POLL_INTERVAL,
            IngestConfig.DEFAULT_LATE_WINDOW,
            Optional.empty(),
            IngestConfig.DEFAULT_CHECK_INTERVAL,
            IngestConfig.DEFAULT_JOBS_CHECK_INTERVAL,
            Optional.empty(),
            IngestConfig.DEFAULT_PAYLOADS_KEPT),
        new MetricsConfig(List.of(), MetricsConfig.DEFAULT_TAG_VALUES_LIMIT),
        new HttpConfig("127.0.0.1", 0, Optional.empty()),
        true);
  }
}

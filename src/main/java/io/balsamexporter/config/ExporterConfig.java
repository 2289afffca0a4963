package io.balsamexporter.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything the exporter is told, validated once before anything starts. Built by {@link
 * ConfigLoader} from the YAML file, the environment and the flags (flags win).
 *
 * @param balsamUrl the Balsam API root; empty in demo mode
 * @param credentials how to authenticate
 * @param caFile an extra CA certificate (PEM) trusted next to the system store
 * @param requestTimeout the timeout of one HTTP request to Balsam
 * @param retries how many times a failed request is retried (connection errors and 5xx)
 * @param pageSize the {@code limit} of each listing request, at most the server's 100000
 * @param pollInterval the time between the starts of two polls
 * @param lateWindow how far back before the newest event each poll re-reads
 * @param eventsSince count only events at or after this time; empty counts the whole history
 * @param jobTagLabels job tag keys exported as {@code tag_<key>} labels
 * @param tagValuesLimit the distinct values each tag label keeps before {@code __other__}
 * @param listenHost the address to bind; empty binds every interface
 * @param listenPort the port to bind
 * @param webConfigFile the exporter-toolkit web config (TLS, basic auth, headers), checked once
 * @param demo run against the built-in simulated Balsam
 */
public record ExporterConfig(
    Optional<URI> balsamUrl,
    Credentials credentials,
    Optional<Path> caFile,
    Duration requestTimeout,
    int retries,
    int pageSize,
    Duration pollInterval,
    Duration lateWindow,
    Optional<Instant> eventsSince,
    List<String> jobTagLabels,
    int tagValuesLimit,
    String listenHost,
    int listenPort,
    Optional<Path> webConfigFile,
    boolean demo) {

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_RETRIES = 3;
  public static final int DEFAULT_PAGE_SIZE = 10_000;
  public static final int MAX_PAGE_SIZE = 100_000;
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_LATE_WINDOW = Duration.ofMinutes(10);
  public static final int DEFAULT_TAG_VALUES_LIMIT = 50;
  public static final String DEFAULT_LISTEN_ADDRESS = ":10064";

  public ExporterConfig {
    jobTagLabels = List.copyOf(jobTagLabels);
  }

  /** The same settings, pointed at another Balsam: how the demo wires its simulator in. */
  public ExporterConfig withBalsam(URI url, Credentials newCredentials) {
    return new ExporterConfig(
        Optional.of(url),
        newCredentials,
        caFile,
        requestTimeout,
        retries,
        pageSize,
        pollInterval,
        lateWindow,
        eventsSince,
        jobTagLabels,
        tagValuesLimit,
        listenHost,
        listenPort,
        webConfigFile,
        demo);
  }
}

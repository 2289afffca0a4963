package io.balsamexporter.config;

import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.webconfig.WebConfig;
import io.balsamexporter.webconfig.WebConfigException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Validates the merged settings into an {@link ExporterConfig}, or fails on the first error. */
final class ConfigAssembler {
  static final int MAX_RETRIES = 10;
  static final Duration MIN_POLL_INTERVAL = Duration.ofSeconds(1);
  static final Duration MIN_REQUEST_TIMEOUT = Duration.ofMillis(1);

  /** Below this even an error page or an empty listing would not fit. */
  static final long MIN_RESPONSE_SIZE = 1024;

  private ConfigAssembler() {}

  static ConfigLoader.Outcome.Run assemble(Settings settings, Map<String, String> env, Clock clock)
      throws ConfigException {
    List<String> notices = new ArrayList<>();
    Duration timeout =
        Values.durationAtLeast(settings.required(Flags.BALSAM_TIMEOUT), MIN_REQUEST_TIMEOUT);
    int retries = Values.integer(settings.required(Flags.BALSAM_RETRIES), 0, MAX_RETRIES);
    long maxResponseSize =
        Values.byteSize(settings.required(Flags.BALSAM_MAX_RESPONSE_SIZE), MIN_RESPONSE_SIZE);
    int pageSize =
        Values.integer(settings.required(Flags.BALSAM_PAGE_SIZE), 1, IngestConfig.MAX_PAGE_SIZE);
    int firstSyncPageSize =
        Values.integer(
            settings.required(Flags.BALSAM_FIRST_SYNC_PAGE_SIZE), 1, IngestConfig.MAX_PAGE_SIZE);
    Duration pollInterval =
        Values.durationAtLeast(settings.required(Flags.BALSAM_POLL_INTERVAL), MIN_POLL_INTERVAL);
    Duration lateWindow = Values.duration(settings.required(Flags.EVENTS_LATE_WINDOW));
    Optional<Instant> since = Values.since(settings.required(Flags.EVENTS_SINCE));
    Duration checkInterval = Values.duration(settings.required(Flags.EVENTS_CHECK_INTERVAL));
    Duration jobsCheckInterval = Values.duration(settings.required(Flags.JOBS_CHECK_INTERVAL));
    int payloadsKept =
        Values.integer(settings.required(Flags.EVENTS_PAYLOADS_KEPT), 0, Integer.MAX_VALUE);
    if (since.isPresent() && since.get().isAfter(clock.instant())) {
      notices.add(
          "--events.since is in the future (" + since.get() + "): no event counts until then");
    }
    List<String> tagKeys = Values.tagKeys(settings.required(Flags.METRICS_JOB_TAG_LABELS));
    int tagValuesLimit =
        Values.integer(settings.required(Flags.METRICS_TAG_VALUES_LIMIT), 1, Integer.MAX_VALUE);
    int labelValueMaxLength =
        Values.integer(
            settings.required(Flags.METRICS_LABEL_VALUE_MAX_LENGTH),
            MetricsConfig.MIN_LABEL_VALUE_MAX_LENGTH,
            Integer.MAX_VALUE);
    ListenAddress listen = Values.listenAddress(settings.required(Flags.WEB_LISTEN_ADDRESS));
    Optional<Path> webConfigFile = webConfigFile(settings);
    Optional<Path> caFile = Optional.empty();
    Optional<Setting> ca = settings.explicit(Flags.BALSAM_CA_FILE);
    if (ca.isPresent()) {
      caFile = Optional.of(TextFiles.existingFile(ca.get()));
    }

    ClientFileLookup clientFile =
        new ClientFileLookup(settings.explicit(Flags.BALSAM_CLIENT_FILE), env);
    TargetResolver.Target target = TargetResolver.resolve(settings, clientFile, notices);
    Credentials credentials =
        new CredentialsResolver(settings, clientFile, clock, notices).resolve(target);

    ExporterConfig config =
        new ExporterConfig(
            new BalsamConfig(target.url(), credentials, caFile, timeout, retries, maxResponseSize),
            new IngestConfig(
                pageSize,
                firstSyncPageSize,
                pollInterval,
                lateWindow,
                since,
                checkInterval,
                jobsCheckInterval,
                settings.explicit(Flags.STORAGE_PATH).map(s -> Path.of(s.value())),
                payloadsKept),
            new MetricsConfig(tagKeys, tagValuesLimit, labelValueMaxLength),
            new HttpConfig(listen.host(), listen.port(), webConfigFile),
            target.demo());
    return new ConfigLoader.Outcome.Run(config, notices);
  }

  /** Checked in full here, so a broken web config stops the start with the field it names. */
  private static Optional<Path> webConfigFile(Settings settings) throws ConfigException {
    Optional<Setting> web = settings.explicit(Flags.WEB_CONFIG_FILE);
    if (web.isEmpty()) {
      return Optional.empty();
    }
    Path file = TextFiles.existingFile(web.get());
    try {
      WebConfig.load(file);
    } catch (WebConfigException e) {
      throw web.get().problem("is unusable: " + e.getMessage());
    }
    return Optional.of(file);
  }
}

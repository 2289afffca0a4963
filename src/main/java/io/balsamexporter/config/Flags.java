package io.balsamexporter.config;

import io.balsamexporter.balsam.BalsamTarget;
import io.balsamexporter.balsam.ByteSize;
import io.balsamexporter.config.FlagSpec.Source;
import io.balsamexporter.config.FlagSpec.Syntax;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The table of every setting; defaults are the constants of each config group. */
public final class Flags {
  private static final Set<Source> EVERYWHERE = EnumSet.allOf(Source.class);

  public static final FlagSpec CONFIG_FILE =
      new FlagSpec(
          "config.file",
          Syntax.VALUE,
          Optional.empty(),
          "none",
          "YAML file holding any of the other settings.",
          EnumSet.of(Source.FLAG, Source.ENV),
          false);
  public static final FlagSpec BALSAM_URL =
      optional(
          "balsam.url",
          "Balsam API root, http(s)://host[:port][/prefix]; without it, api_root of the client"
              + " file; one of them is required unless --demo.");
  public static final FlagSpec BALSAM_USERNAME =
      optional("balsam.username", "Login name for password authentication.");
  public static final FlagSpec BALSAM_PASSWORD_FILE =
      optional(
          "balsam.password-file",
          "File holding the password for --balsam.username (trailing newline ignored).");
  public static final FlagSpec BALSAM_PASSWORD =
      new FlagSpec(
          "balsam.password",
          Syntax.VALUE,
          Optional.empty(),
          "none",
          "The password itself; environment only, as flags are visible in ps.",
          EnumSet.of(Source.ENV),
          true);
  public static final FlagSpec BALSAM_TOKEN_FILE =
      optional("balsam.token-file", "File holding a bearer token, read again when it changes.");
  public static final FlagSpec BALSAM_TOKEN =
      new FlagSpec(
          "balsam.token",
          Syntax.VALUE,
          Optional.empty(),
          "none",
          "A bearer token; prefer --balsam.token-file or the environment, as flags are visible"
              + " in ps.",
          EVERYWHERE,
          true);
  public static final FlagSpec BALSAM_CLIENT_FILE =
      new FlagSpec(
          "balsam.client-file",
          Syntax.VALUE,
          Optional.empty(),
          "$BALSAM_CLIENT_PATH or ~/.balsam/client.yml",
          "Balsam's client settings, where 'balsam login' keeps api_root and the token.",
          EVERYWHERE,
          false);
  public static final FlagSpec BALSAM_CA_FILE =
      optional("balsam.ca-file", "Extra CA certificate (PEM) to trust for HTTPS.");
  public static final FlagSpec BALSAM_TIMEOUT =
      withDefault(
          "balsam.timeout",
          PromDuration.format(BalsamTarget.DEFAULT_REQUEST_TIMEOUT),
          "Timeout of one request to Balsam.");
  public static final FlagSpec BALSAM_RETRIES =
      withDefault(
          "balsam.retries",
          String.valueOf(BalsamTarget.DEFAULT_RETRIES),
          "Retries of a failed request (connection errors and 5xx), 0 to 10.");
  public static final FlagSpec BALSAM_MAX_RESPONSE_SIZE =
      withDefault(
          "balsam.max-response-size",
          ByteSize.format(BalsamTarget.DEFAULT_MAX_RESPONSE_BYTES),
          "Largest response body read from Balsam, e.g. 512MiB or 64KiB, at least 1KiB; a"
              + " longer one fails the poll as bad_response.");
  public static final FlagSpec BALSAM_PAGE_SIZE =
      withDefault(
          "balsam.page-size",
          String.valueOf(IngestConfig.DEFAULT_PAGE_SIZE),
          "Page size of the listings of a poll, 1 to " + IngestConfig.MAX_PAGE_SIZE + ".");
  public static final FlagSpec BALSAM_FIRST_SYNC_PAGE_SIZE =
      withDefault(
          "balsam.first-sync-page-size",
          String.valueOf(IngestConfig.DEFAULT_FIRST_SYNC_PAGE_SIZE),
          "Page size of the listings of whole histories (first sync, full job listing), where"
              + " Balsam visits every row for each page.");
  public static final FlagSpec BALSAM_POLL_INTERVAL =
      withDefault(
          "balsam.poll-interval",
          PromDuration.format(IngestConfig.DEFAULT_POLL_INTERVAL),
          "Time between the starts of two polls, at least 1s.");
  public static final FlagSpec EVENTS_LATE_WINDOW =
      withDefault(
          "events.late-window",
          PromDuration.format(IngestConfig.DEFAULT_LATE_WINDOW),
          "Events stamped less than this before a poll are left out of its count check.");
  public static final FlagSpec EVENTS_CHECK_INTERVAL =
      withDefault(
          "events.check-interval",
          PromDuration.format(IngestConfig.DEFAULT_CHECK_INTERVAL),
          "How often a poll checks the count of all events (one visit of each by the server),"
              + " 0s for every poll.");
  public static final FlagSpec EVENTS_SINCE =
      withDefault(
          "events.since",
          "all",
          "Count only events at or after this time: ISO-8601 (naive is UTC), epoch seconds,"
              + " or all.");
  public static final FlagSpec EVENTS_PAYLOADS_KEPT =
      withDefault(
          "events.payloads-kept",
          String.valueOf(IngestConfig.DEFAULT_PAYLOADS_KEPT),
          "Distinct event payloads (error tails, exception texts) held in memory for the event"
              + " and failure queries, each at most 4096 characters; older ones are read from"
              + " Balsam when asked for. 0 holds none.");
  public static final FlagSpec METRICS_JOB_TAG_LABELS =
      new FlagSpec(
          "metrics.job-tag-labels",
          Syntax.LIST,
          Optional.of(""),
          "empty",
          "Comma-separated job tag keys exported as tag_<key> labels.",
          EVERYWHERE,
          false);
  public static final FlagSpec METRICS_TAG_VALUES_LIMIT =
      withDefault(
          "metrics.tag-values-limit",
          String.valueOf(MetricsConfig.DEFAULT_TAG_VALUES_LIMIT),
          "Distinct values each tag label keeps before the rest become __other__, at least 1.");
  public static final FlagSpec METRICS_LABEL_VALUE_MAX_LENGTH =
      withDefault(
          "metrics.label-value-max-length",
          String.valueOf(MetricsConfig.DEFAULT_LABEL_VALUE_MAX_LENGTH),
          "Most UTF-8 bytes of a label value taken from Balsam (site, tag, queue, ...), at least "
              + MetricsConfig.MIN_LABEL_VALUE_MAX_LENGTH
              + "; a longer one is cut and ends in … and a hash of the whole.");
  public static final FlagSpec WEB_LISTEN_ADDRESS =
      withDefault(
          "web.listen-address",
          HttpConfig.DEFAULT_LISTEN_ADDRESS,
          "Address to listen on, [host]:port; an empty host means every interface.");
  public static final FlagSpec WEB_CONFIG_FILE =
      optional(
          "web.config.file",
          "Web config (Prometheus exporter-toolkit format) for TLS, basic auth and response"
              + " headers; read again when it changes.");
  public static final FlagSpec STORAGE_PATH =
      optional(
          "storage.path",
          "Directory that keeps what the exporter learnt, so that a restart does not read the"
              + " history again.");
  public static final FlagSpec DEMO =
      new FlagSpec(
          "demo",
          Syntax.SWITCH,
          Optional.of("false"),
          "false",
          "Run on the built-in simulated Balsam instead of a real one.",
          EVERYWHERE,
          false);
  public static final FlagSpec HELP = action("help", "Show this help and exit.");
  public static final FlagSpec VERSION = action("version", "Show the version and exit.");

  private static final List<FlagSpec> ALL =
      List.of(
          CONFIG_FILE,
          BALSAM_URL,
          BALSAM_USERNAME,
          BALSAM_PASSWORD_FILE,
          BALSAM_PASSWORD,
          BALSAM_TOKEN_FILE,
          BALSAM_TOKEN,
          BALSAM_CLIENT_FILE,
          BALSAM_CA_FILE,
          BALSAM_TIMEOUT,
          BALSAM_RETRIES,
          BALSAM_MAX_RESPONSE_SIZE,
          BALSAM_PAGE_SIZE,
          BALSAM_FIRST_SYNC_PAGE_SIZE,
          BALSAM_POLL_INTERVAL,
          EVENTS_LATE_WINDOW,
          EVENTS_CHECK_INTERVAL,
          EVENTS_SINCE,
          EVENTS_PAYLOADS_KEPT,
          METRICS_JOB_TAG_LABELS,
          METRICS_TAG_VALUES_LIMIT,
          METRICS_LABEL_VALUE_MAX_LENGTH,
          WEB_LISTEN_ADDRESS,
          WEB_CONFIG_FILE,
          STORAGE_PATH,
          DEMO,
          HELP,
          VERSION);

  private Flags() {}

  /** Every setting, in the order the help lists them. */
  public static List<FlagSpec> all() {
    return ALL;
  }

  /** The settings that {@code source} may give. */
  public static List<FlagSpec> from(Source source) {
    return ALL.stream().filter(spec -> spec.accepts(source)).toList();
  }

  private static FlagSpec optional(String name, String help) {
    return new FlagSpec(name, Syntax.VALUE, Optional.empty(), "none", help, EVERYWHERE, false);
  }

  private static FlagSpec withDefault(String name, String defaultValue, String help) {
    return new FlagSpec(
        name, Syntax.VALUE, Optional.of(defaultValue), defaultValue, help, EVERYWHERE, false);
  }

  private static FlagSpec action(String name, String help) {
    return new FlagSpec(
        name, Syntax.ACTION, Optional.empty(), "", help, EnumSet.of(Source.FLAG), false);
  }
}

package io.balsamexporter.metrics;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.ingest.PollResult;
import io.balsamexporter.ingest.PollUpdate;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The exporter's own health: is Balsam reachable, how polls go, what they cost. */
public final class HealthMetrics implements RequestObserver {
  static final String SUCCESS = "success";

  private final Gauge up;
  private final Counter polls;
  private final Gauge lastSuccess;
  private final Histogram pollDuration;
  private final Counter requests;
  private final Counter retries;
  private final Counter events;
  private volatile Double eventLagSeconds;
  private volatile Double tokenExpirySeconds;
  private final Counter overflow;
  private volatile Instant newestEvent;

  HealthMetrics(PrometheusRegistry registry, BuildInfo build, java.util.List<String> tagLabels) {
    up =
        Gauge.builder()
            .name("balsam_up")
            .help("1 if the last poll reached the Balsam API and was authorised, else 0.")
            .register(registry);
    polls =
        Counter.builder()
            .name("balsam_exporter_polls_total")
            .help("Polls of the Balsam API by result (success or the kind of failure).")
            .labelNames("result")
            .register(registry);
    polls.initLabelValues(SUCCESS);
    Arrays.stream(BalsamException.Kind.values()).forEach(k -> polls.initLabelValues(result(k)));
    lastSuccess =
        Gauge.builder()
            .name("balsam_exporter_last_successful_poll_timestamp_seconds")
            .help("When the last poll of the Balsam API that succeeded ended.")
            .unit(Unit.SECONDS)
            .register(registry);
    pollDuration =
        Histogram.builder()
            .name("balsam_exporter_poll_duration_seconds")
            .help("How long each poll of the Balsam API took, successful or not.")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(Buckets.POLL_SECONDS)
            .withoutExemplars()
            .register(registry);
    retries =
        Counter.builder()
            .name("balsam_exporter_api_retries_total")
            .help("Balsam listings tried again after an unreachable or 5xx answer, by endpoint.")
            .labelNames("endpoint")
            .register(registry);
    for (io.balsamexporter.balsam.Listing listing : io.balsamexporter.balsam.Listing.values()) {
      retries.initLabelValues(listing.path());
    }
    requests =
        Counter.builder()
            .name("balsam_exporter_api_requests_total")
            .help(
                "HTTP requests made to the Balsam API, by endpoint and status code (error: none).")
            .labelNames("endpoint", "code")
            .register(registry);
    events =
        Counter.builder()
            .name("balsam_exporter_events_total")
            .help(
                "Events read from GET /events/: counted in order, counted late (after a newer"
                    + " one), or duplicate (already counted, ignored).")
            .labelNames("outcome")
            .register(registry);
    for (String outcome : new String[] {"counted", "late", "duplicate"}) {
      events.initLabelValues(outcome);
    }
    // Absent rather than 0 while unknown: a 0 expiry would look like a token long expired.
    GaugeWithCallback.builder()
        .name("balsam_exporter_event_lag_seconds")
        .help("Seconds from the newest event timestamp counted to the end of the last poll.")
        .unit(Unit.SECONDS)
        .callback(
            callback -> {
              Double lag = eventLagSeconds;
              if (lag != null) {
                callback.call(lag);
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("balsam_exporter_token_expiry_timestamp_seconds")
        .help("When the bearer token the exporter uses for Balsam expires, where known.")
        .unit(Unit.SECONDS)
        .callback(
            callback -> {
              Double expiry = tokenExpirySeconds;
              if (expiry != null) {
                callback.call(expiry);
              }
            })
        .register(registry);
    overflow =
        Counter.builder()
            .name("balsam_exporter_label_values_overflow_total")
            .help("Events whose job tag value was exported as __other__: the label was full.")
            .labelNames("label")
            .register(registry);
    tagLabels.forEach(key -> overflow.initLabelValues("tag_" + key));
    Info.builder()
        .name("balsam_exporter_build_info")
        .help("The exporter's version and source revision.")
        .labelNames("version", "revision")
        .register(registry)
        .setLabelValues(build.version(), build.revision());
  }

  @Override
  public void requestDone(String endpoint, String code) {
    requests.labelValues(endpoint, code).inc();
  }

  @Override
  public void retried(String endpoint) {
    retries.labelValues(endpoint).inc();
  }

  /** Records a finished poll; {@code end} is the exporter's clock when it ended. */
  public void pollDone(PollResult result, Instant end, Optional<Instant> tokenExpiresAt) {
    pollDuration.observe(result.duration().toNanos() / 1e9);
    tokenExpiresAt.ifPresent(t -> tokenExpirySeconds = seconds(t));
    if (result.ok()) {
      polls.labelValues(SUCCESS).inc();
      up.set(1);
      lastSuccess.set(seconds(end));
      Instant newest = newestEvent;
      if (newest != null) {
        eventLagSeconds = Math.max(0, seconds(end) - seconds(newest));
      }
      return;
    }
    BalsamException.Kind kind = result.failure().orElseThrow().kind();
    polls.labelValues(result(kind)).inc();
    up.set(0);
  }

  void eventsCounted(PollUpdate update) {
    PollResult.Counts counts = PollResult.Counts.of(update);
    events.labelValues("counted").inc(counts.counted());
    events.labelValues("late").inc(counts.late());
    events.labelValues("duplicate").inc(counts.duplicates());
  }

  void newestEvent(Instant newest) {
    newestEvent = newest;
  }

  void tagValueOverflowed(String label, long events) {
    overflow.labelValues(label).inc(events);
  }

  static String result(BalsamException.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** Seconds since the epoch with the instant's fraction (Balsam stamps microseconds). */
  static double seconds(Instant instant) {
    return instant.getEpochSecond() + instant.getNano() / 1e9;
  }
}

package io.balsamexporter.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The state file of {@code --storage.path}: how large it is, and when it was last compacted, so
 * that a volume filling up or a compaction that stopped happening shows before a restart needs it.
 * Only an exporter with a state file has these families.
 */
final class StateFileMetrics {
  private StateFileMetrics() {}

  static void register(
      PrometheusRegistry registry, LongSupplier bytes, Supplier<Optional<Instant>> compacted) {
    GaugeWithCallback.builder()
        .name("balsam_exporter_state_file_bytes")
        .help("Size of the state file in --storage.path, in bytes.")
        .unit(Unit.BYTES)
        .callback(callback -> callback.call(bytes.getAsLong()))
        .register(registry);
    // Absent for a file of an older format until its first compaction: its age is unknown.
    GaugeWithCallback.builder()
        .name("balsam_exporter_state_file_last_compaction_timestamp_seconds")
        .help("When the state file was last compacted into a snapshot (or created, before that).")
        .unit(Unit.SECONDS)
        .callback(
            callback -> compacted.get().ifPresent(t -> callback.call(HealthMetrics.seconds(t))))
        .register(registry);
  }
}

package io.balsamexporter.metrics;

import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The exporter's registry and every family in it. A poll's update is applied under the write lock
 * and a scrape reads under the read lock, so a scrape sees whole polls only.
 */
public final class ExporterMetrics {
  /** The default of --metrics.label-value-max-length. */
  public static final int DEFAULT_LABEL_VALUE_MAX_BYTES = 256;

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final HealthMetrics health;
  private final DomainMetrics domain;

  /**
   * @param tagLabels job tag keys exported as {@code tag_<key>} labels
   * @param tagValuesLimit distinct values each tag label keeps before {@code __other__}
   */
  public ExporterMetrics(BuildInfo build, List<String> tagLabels, int tagValuesLimit) {
    this(build, tagLabels, tagValuesLimit, DEFAULT_LABEL_VALUE_MAX_BYTES);
  }

  /**
   * @param labelValueMaxBytes the most UTF-8 bytes of a label value taken from Balsam; longer ones
   *     are cut and marked
   */
  public ExporterMetrics(
      BuildInfo build, List<String> tagLabels, int tagValuesLimit, int labelValueMaxBytes) {
    health = new HealthMetrics(registry, build, tagLabels);
    domain =
        new DomainMetrics(
            lock.writeLock(),
            new TagLabels(tagLabels, tagValuesLimit),
            new LabelValues(labelValueMaxBytes),
            health);
    registry.register(domain);
    JvmMetrics.builder().register(registry);
  }

  /**
   * Exports the size of the state file and when it was last compacted, read at each scrape. Only an
   * exporter with {@code --storage.path} has these families.
   */
  public void trackStateFile(LongSupplier bytes, Supplier<Optional<Instant>> lastCompaction) {
    StateFileMetrics.register(registry, bytes, lastCompaction);
  }

  /**
   * Marks every scrape as coming from the built-in demo, so that its simulated data can never pass
   * for a real Balsam's. Only a {@code --demo} exporter has this family.
   */
  public void markDemo(String simulatorUrl) {
    Info.builder()
        .name("balsam_exporter_demo_info")
        .help("Present only in --demo: every balsam_* series here is simulated, not real.")
        .labelNames("simulator_url")
        .register(registry)
        .setLabelValues(simulatorUrl);
  }

  public HealthMetrics health() {
    return health;
  }

  /** Where polls deliver their updates. */
  public DomainMetrics domain() {
    return domain;
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** Everything, as of the last whole poll. */
  public MetricSnapshots scrape() {
    lock.readLock().lock();
    try {
      return registry.scrape();
    } finally {
      lock.readLock().unlock();
    }
  }
}

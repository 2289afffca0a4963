package io.balsamexporter.testing;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads values out of a scrape, as PromQL's {@code sum by} would: tests say what they expect in the
 * same terms as a dashboard query.
 */
public final class Samples {
  private final MetricSnapshots snapshots;

  public Samples(MetricSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  /** True when the family is exported at all (names without _total/_info suffix). */
  public boolean has(String family) {
    return find(family).isPresent();
  }

  /** The sum over every series of {@code family} whose labels include {@code match}. */
  public double sum(String family, Map<String, String> match) {
    return points(family).stream()
        .filter(p -> matches(p.getLabels(), match))
        .mapToDouble(Samples::value)
        .sum();
  }

  public double sum(String family) {
    return sum(family, Map.of());
  }

  /** The observation count of a histogram's series whose labels include {@code match}. */
  public long histogramCount(String family, Map<String, String> match) {
    return points(family).stream()
        .filter(p -> matches(p.getLabels(), match))
        .mapToLong(p -> ((HistogramSnapshot.HistogramDataPointSnapshot) p).getCount())
        .sum();
  }

  /** Sums by one label: the value per label value over matching series. */
  public Map<String, Double> sumBy(String family, String label, Map<String, String> match) {
    Map<String, Double> sums = new LinkedHashMap<>();
    for (DataPointSnapshot p : points(family)) {
      if (matches(p.getLabels(), match)) {
        sums.merge(p.getLabels().get(label), value(p), Double::sum);
      }
    }
    return sums;
  }

  /** Every series of a family, as label maps to values. */
  public Map<Map<String, String>, Double> series(String family) {
    Map<Map<String, String>, Double> all = new LinkedHashMap<>();
    for (DataPointSnapshot p : points(family)) {
      Map<String, String> labels = new LinkedHashMap<>();
      p.getLabels().forEach(l -> labels.put(l.getName(), l.getValue()));
      all.put(labels, value(p));
    }
    return all;
  }

  private List<? extends DataPointSnapshot> points(String family) {
    return find(family)
        .map(MetricSnapshot::getDataPoints)
        .orElseThrow(() -> new AssertionError("no metric family " + family + " in the scrape"));
  }

  private Optional<MetricSnapshot> find(String family) {
    return snapshots.stream().filter(s -> s.getMetadata().getName().equals(family)).findFirst();
  }

  private static boolean matches(Labels labels, Map<String, String> match) {
    return match.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  private static double value(DataPointSnapshot point) {
    if (point instanceof CounterSnapshot.CounterDataPointSnapshot c) {
      return c.getValue();
    }
    if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot g) {
      return g.getValue();
    }
    if (point instanceof HistogramSnapshot.HistogramDataPointSnapshot h) {
      return h.getCount();
    }
    return 1; // info and state-set points
  }
}

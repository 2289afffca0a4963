package io.balsamexporter.metrics;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A gauge family drawn at scrape time from the rows of a snapshot: its name, help and label names
 * declared once, next to each other.
 */
record GaugeFamily(String name, String help, List<String> labelNames) {

  GaugeFamily {
    labelNames = List.copyOf(labelNames);
  }

  /**
   * One data point per row: label values in the order of {@link #labelNames}, and the value. Each
   * value is bounded by {@code bound}; rows that only differ beyond it are summed into one rather
   * than exported twice under the same labels, which would fail the scrape.
   */
  GaugeSnapshot render(Map<List<String>, Double> rows, LabelValues bound) {
    Map<List<String>, Double> bounded = new LinkedHashMap<>();
    rows.forEach(
        (values, value) ->
            bounded.merge(List.of(bound.of(values.toArray(String[]::new))), value, Double::sum));
    GaugeSnapshot.Builder family = GaugeSnapshot.builder().name(name).help(help);
    bounded.forEach(
        (values, value) ->
            family.dataPoint(
                GaugeDataPointSnapshot.builder()
                    .labels(Labels.of(labelNames, values))
                    .value(value)
                    .build()));
    return family.build();
  }
}

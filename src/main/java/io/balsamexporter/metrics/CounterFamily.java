package io.balsamexporter.metrics;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A counter family drawn from rows a snapshot holds, for counters whose label values are only known
 * at publish time (an app's name comes with the inventory, after its events were counted).
 *
 * @param name the name without {@code _total}, which the formats add
 */
record CounterFamily(String name, String help, List<String> labelNames) {

  CounterFamily {
    labelNames = List.copyOf(labelNames);
  }

  /** One data point per row; rows equal once bounded are summed, as in {@link GaugeFamily}. */
  CounterSnapshot render(Map<List<String>, Long> rows, LabelValues bound) {
    Map<List<String>, Long> bounded = new LinkedHashMap<>();
    rows.forEach(
        (values, value) ->
            bounded.merge(List.of(bound.of(values.toArray(String[]::new))), value, Long::sum));
    CounterSnapshot.Builder family = CounterSnapshot.builder().name(name).help(help);
    bounded.forEach(
        (values, value) ->
            family.dataPoint(
                CounterDataPointSnapshot.builder()
                    .labels(Labels.of(labelNames, values))
                    .value(value)
                    .build()));
    return family.build();
  }
}

package io.balsamexporter.backfill;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One family's samples at one instant, as OpenMetrics text lines with that instant as their
 * timestamp, and the extra labels the user asked for. Only counters, gauges and classic histograms
 * are backfilled; {@code _created} lines are left out, as they would carry the time of the backfill
 * run.
 */
final class SampleLines {
  private SampleLines() {}

  /** The OpenMetrics {@code # TYPE} of a family. */
  static String type(MetricSnapshot family) {
    if (family instanceof CounterSnapshot) {
      return "counter";
    }
    if (family instanceof GaugeSnapshot) {
      return "gauge";
    }
    if (family instanceof HistogramSnapshot) {
      return "histogram";
    }
    throw new IllegalArgumentException(
        "family " + family.getMetadata().getPrometheusName() + " cannot be backfilled");
  }

  /** The {@code # TYPE}, {@code # UNIT} and {@code # HELP} lines of a family. */
  static void writeHeader(MetricSnapshot family, Writer out) throws IOException {
    String name = family.getMetadata().getPrometheusName();
    out.write("# TYPE " + name + " " + type(family) + "\n");
    if (family.getMetadata().hasUnit()) {
      out.write("# UNIT " + name + " " + family.getMetadata().getUnit() + "\n");
    }
    out.write("# HELP " + name + " " + escape(family.getMetadata().getHelp()) + "\n");
  }

  /**
   * Writes every sample of {@code family} at {@code time}.
   *
   * @return the number of samples written
   */
  static long write(MetricSnapshot family, Instant time, Labels extra, Writer out)
      throws IOException {
    String name = family.getMetadata().getPrometheusName();
    String timestamp = " " + BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString() + "\n";
    long samples = 0;
    for (DataPointSnapshot point : family.getDataPoints()) {
      Labels labels = extra.merge(point.getLabels());
      if (point instanceof CounterSnapshot.CounterDataPointSnapshot counter) {
        sample(out, name + "_total", labels, null, counter.getValue(), timestamp);
        samples++;
      } else if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge) {
        sample(out, name, labels, null, gauge.getValue(), timestamp);
        samples++;
      } else if (point instanceof HistogramSnapshot.HistogramDataPointSnapshot histogram) {
        samples += histogram(out, name, labels, histogram, timestamp);
      } else {
        throw new IllegalArgumentException("family " + name + " cannot be backfilled");
      }
    }
    return samples;
  }

  private static long histogram(
      Writer out,
      String name,
      Labels labels,
      HistogramSnapshot.HistogramDataPointSnapshot point,
      String timestamp)
      throws IOException {
    ClassicHistogramBuckets buckets = point.getClassicBuckets();
    long cumulative = 0;
    for (int i = 0; i < buckets.size(); i++) {
      // The model keeps each bucket's own count; the exposition's buckets are cumulative.
      cumulative += buckets.getCount(i);
      String le = number(buckets.getUpperBound(i));
      sample(out, name + "_bucket", labels, le, cumulative, timestamp);
    }
    sample(out, name + "_count", labels, null, point.getCount(), timestamp);
    sample(out, name + "_sum", labels, null, point.getSum(), timestamp);
    return buckets.size() + 2L;
  }

  private static void sample(
      Writer out, String name, Labels labels, String le, double value, String timestamp)
      throws IOException {
    out.write(name);
    if (!labels.isEmpty() || le != null) {
      out.write('{');
      for (int i = 0; i < labels.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(labels.getPrometheusName(i) + "=\"" + escape(labels.getValue(i)) + "\"");
      }
      if (le != null) {
        out.write((labels.isEmpty() ? "" : ",") + "le=\"" + le + "\"");
      }
      out.write('}');
    }
    out.write(' ');
    out.write(number(value));
    out.write(timestamp);
  }

  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    // The shortest text that parses back to the same double.
    return Double.toString(value);
  }

  /** OpenMetrics escapes backslash, double quote and newline in label values and help. */
  static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}

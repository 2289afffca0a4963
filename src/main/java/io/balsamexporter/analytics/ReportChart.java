package io.balsamexporter.analytics;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.stream.Collectors;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The picture of Balsam's docs: elapsed minutes across, available nodes as a thick gray step line
 * and utilization as a thin blue step line over it (throughput alone for that report).
 */
public final class ReportChart {
  public static final int WIDTH = 900;
  public static final int HEIGHT = 500;
  private static final Color BLUE = new Color(31, 119, 180);

  static {
    // A server has no display; JFreeChart draws into an image all the same.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private ReportChart() {}

  public static void png(Report report, OutputStream out) throws IOException {
    ChartUtils.writeChartAsPNG(out, chart(report), WIDTH, HEIGHT);
  }

  static JFreeChart chart(Report report) {
    ReportRequest request = report.request();
    long origin = origin(report);
    XYSeriesCollection data = new XYSeriesCollection();
    XYStepRenderer renderer = new XYStepRenderer();
    int index = 0;
    if (request.kind() != ReportKind.THROUGHPUT) {
      Series nodes =
          request.kind() == ReportKind.AVAILABLE_NODES ? report.series() : report.availableNodes();
      String held =
          request.live()
              ? "available nodes (live: observed, running up to now)"
              : "available nodes";
      data.addSeries(xy(held, nodes, origin));
      renderer.setSeriesPaint(index, new Color(150, 150, 150));
      renderer.setSeriesStroke(index, new BasicStroke(5f));
      index++;
    }
    if (request.kind() != ReportKind.AVAILABLE_NODES) {
      String name =
          request.kind() == ReportKind.THROUGHPUT
              ? "jobs reaching " + request.throughputState()
              : request.nodeWeighting() ? "nodes in use" : "running jobs";
      data.addSeries(xy(name, report.series(), origin));
      renderer.setSeriesPaint(index, BLUE);
      renderer.setSeriesStroke(index, new BasicStroke(1.5f));
    }
    NumberAxis x = new NumberAxis("Elapsed minutes");
    x.setAutoRangeIncludesZero(true);
    NumberAxis y = new NumberAxis(yLabel(request));
    y.setAutoRangeIncludesZero(true);
    XYPlot plot = new XYPlot(data, x, y, renderer);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(new Color(220, 220, 220));
    plot.setRangeGridlinePaint(new Color(220, 220, 220));
    JFreeChart chart = new JFreeChart(title(request), JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** "Utilization: scheduler_id=6112789, node_weighting=true". */
  static String title(ReportRequest request) {
    String name =
        switch (request.kind()) {
          case THROUGHPUT -> "Throughput";
          case UTILIZATION -> "Utilization";
          case AVAILABLE_NODES -> "Available nodes";
        };
    Map<String, Object> filters = request.describe();
    String described =
        filters.entrySet().stream()
            .map(e -> e.getKey() + "=" + text(e.getValue()))
            .collect(Collectors.joining(", "));
    return described.isEmpty() ? name + ": all events" : name + ": " + described;
  }

  private static String text(Object value) {
    return value instanceof java.util.List<?> list
        ? list.stream().map(String::valueOf).collect(Collectors.joining(","))
        : String.valueOf(value);
  }

  private static String yLabel(ReportRequest request) {
    return switch (request.kind()) {
      case THROUGHPUT -> "Jobs (cumulative)";
      case UTILIZATION -> request.nodeWeighting() ? "Nodes" : "Jobs running";
      case AVAILABLE_NODES -> "Nodes";
    };
  }

  /** Minutes count from the earliest point drawn. */
  private static long origin(Report report) {
    long origin = Long.MAX_VALUE;
    for (Series s : new Series[] {report.series(), report.availableNodes()}) {
      if (s.size() > 0) {
        origin = Math.min(origin, s.micros()[0]);
      }
    }
    return origin == Long.MAX_VALUE ? 0 : origin;
  }

  private static XYSeries xy(String name, Series series, long origin) {
    XYSeries xy = new XYSeries(name, false, true);
    for (int i = 0; i < series.size(); i++) {
      xy.add((series.micros()[i] - origin) / 60e6, series.values()[i], false);
    }
    return xy;
  }
}

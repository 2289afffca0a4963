package io.balsamexporter.http;

/** The page at {@code /}: where to look next. */
final class LandingPage {
  static final String HTML =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head><meta charset="utf-8"><title>balsam-exporter</title></head>
      <body>
      <h1>balsam-exporter</h1>
      <p>Prometheus exporter for the Balsam workflow service.</p>
      <ul>
        <li><a href="metrics">/metrics</a>: the metrics (Prometheus text, OpenMetrics or protobuf by Accept)</li>
        <li><a href="-/healthy">/-/healthy</a>: the process is up</li>
        <li><a href="-/ready">/-/ready</a>: the first sync of Balsam's history is done</li>
        <li><a href="runbook">/runbook</a>: what each shipped alert means and what to do</li>
        <li><a href="reports">/reports</a>: Balsam's throughput, utilization and available-nodes reports, as pictures, CSV and JSON</li>
        <li><a href="failures">/failures</a>: why jobs failed, grouped by app, exit code and error</li>
      </ul>
      </body>
      </html>
      """;

  private LandingPage() {}
}

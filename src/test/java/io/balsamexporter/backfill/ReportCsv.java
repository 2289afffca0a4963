package io.balsamexporter.backfill;

import io.balsamexporter.testing.DevFixture;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One of balsam.analytics' recorded reports ({@code time,value} rows), asked what it says at an
 * instant: the value of its last point at or before it, 0 before the first.
 */
record ReportCsv(List<Instant> times, List<Double> values) {

  static ReportCsv of(String file) {
    List<Instant> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    String[] lines = DevFixture.file(file).split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] cells = lines[i].trim().split(",");
      times.add(Instant.parse(cells[0]));
      values.add(Double.parseDouble(cells[1]));
    }
    return new ReportCsv(times, values);
  }

  double at(Instant instant) {
    double value = 0;
    for (int i = 0; i < times.size() && !times.get(i).isAfter(instant); i++) {
      value = values.get(i);
    }
    return value;
  }

  Instant first() {
    return times.get(0);
  }

  Instant last() {
    return times.get(times.size() - 1);
  }
}

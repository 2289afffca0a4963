package io.balsamexporter.backfill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backfill file read back with a parser of its own (not the code that wrote it): its comment
 * lines and its samples, each with name, labels, value and timestamp in milliseconds.
 */
record OpenMetricsSamples(List<String> lines, List<Sample> samples) {
  private static final Pattern SAMPLE =
      Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (\\S+) (\\d+)\\.(\\d{3})");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\",?");

  record Sample(String name, Map<String, String> labels, double value, long millis) {
    String series() {
      return name + labels;
    }
  }

  static OpenMetricsSamples read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Sample> samples = new ArrayList<>();
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.matches()) {
        throw new AssertionError("not a timestamped sample: " + line);
      }
      Map<String, String> labels = new TreeMap<>();
      if (m.group(3) != null) {
        Matcher l = LABEL.matcher(m.group(3));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      long millis = Long.parseLong(m.group(5)) * 1000 + Long.parseLong(m.group(6));
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4)), millis));
    }
    return new OpenMetricsSamples(lines, samples);
  }

  /** The sum of the samples named {@code name} that match {@code labels}, per timestamp. */
  Map<Long, Double> sumPerTime(String name, Predicate<Map<String, String>> labels) {
    Map<Long, Double> sums = new TreeMap<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && labels.test(s.labels())) {
        sums.merge(s.millis(), s.value(), Double::sum);
      }
    }
    return sums;
  }

  /** Every timestamp of the file, in order. */
  List<Long> steps() {
    return List.copyOf(
        samples.stream()
            .map(Sample::millis)
            .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
  }

  /** The samples at the last step, by series. */
  Map<String, Sample> atLastStep() {
    long last = steps().get(steps().size() - 1);
    Map<String, Sample> out = new LinkedHashMap<>();
    samples.stream().filter(s -> s.millis() == last).forEach(s -> out.put(s.series(), s));
    return out;
  }
}

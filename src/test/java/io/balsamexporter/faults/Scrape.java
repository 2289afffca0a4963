package io.balsamexporter.faults;

import io.balsamexporter.testing.Http;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One GET of an exporter's {@code /metrics} in the Prometheus text format, parsed into samples: the
 * page a scraper sees, not the exporter's objects.
 */
final class Scrape {
  /** Every sample, keyed by its name and labels as written, e.g. {@code balsam_up}. */
  private final Map<String, Double> samples = new TreeMap<>();

  /** The type of each family the page declares ({@code # TYPE name type}). */
  private final Map<String, String> types = new LinkedHashMap<>();

  private Scrape(String page) {
    for (String line : page.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.split(" ");
        types.put(parts[2], parts[3]);
      } else if (!line.isBlank() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
  }

  static Scrape of(int port) {
    HttpResponse<byte[]> response = Http.get(port, "/metrics");
    if (response.statusCode() != 200) {
      throw new AssertionError("/metrics answered " + response.statusCode());
    }
    return new Scrape(Http.text(response));
  }

  /** The value of one sample, or NaN when the page lacks it. */
  double value(String sample) {
    return samples.getOrDefault(sample, Double.NaN);
  }

  /** The sum over every sample named {@code name} (before its labels), as PromQL's sum(). */
  double sum(String name) {
    return samples.entrySet().stream()
        .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** The sum over the samples named {@code name} that have the label {@code label="value"}. */
  double sum(String name, String label, String value) {
    String matcher = label + "=\"" + value + "\"";
    return samples.entrySet().stream()
        .filter(e -> e.getKey().startsWith(name + "{") && e.getKey().contains(matcher))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** {@code balsam_exporter_polls_total} of one result; 0 when absent. */
  double polls(String result) {
    double value = value("balsam_exporter_polls_total{result=\"" + result + "\"}");
    return Double.isNaN(value) ? 0 : value;
  }

  /**
   * The samples of Balsam's own families (all but {@code balsam_up} and {@code balsam_exporter_*},
   * which describe the exporter): what must equal the ground truth. Also left out: the count of
   * jobs in their state for over an hour, which is taken against the exporter's own clock (an
   * exporter run as a process has the real one, the simulator a clock of the test's).
   */
  Map<String, Double> domain() {
    return domain(type -> true);
  }

  /** The domain samples of families whose declared type passes {@code type}. */
  Map<String, Double> domain(Predicate<String> type) {
    Map<String, Double> domain = new TreeMap<>();
    samples.forEach(
        (sample, value) -> {
          String family = familyOf(sample);
          if (family != null
              && family.startsWith("balsam_")
              && !family.equals("balsam_up")
              && !family.startsWith("balsam_exporter_")
              && !family.equals("balsam_jobs_in_state_longer_than_1h")
              && type.test(types.get(family))) {
            domain.put(sample, value);
          }
        });
    return domain;
  }

  /** Counters and histograms: what the exporter keeps from the events it counted. */
  Map<String, Double> counted() {
    return domain(type -> type.equals("counter") || type.equals("histogram"));
  }

  /** Gauges and infos: the current state of Balsam's objects. */
  Map<String, Double> current() {
    return domain(type -> !type.equals("counter") && !type.equals("histogram"));
  }

  /**
   * Where two sets of samples differ, one line per sample ({@code name: actual != expected}), so a
   * failure names the series instead of printing two pages of them. Empty when they are equal.
   *
   * <p>Every sample must be equal exactly but a histogram's {@code _sum}: it is a sum of doubles,
   * and a running exporter adds a late observation after newer ones where a fresh exporter adds it
   * in time order, which may change the last bit. A {@code _sum} may differ by rounding (a relative
   * 1e-12), no more: a lost or doubled observation moves it by far more.
   */
  static String differences(Map<String, Double> actual, Map<String, Double> expected) {
    java.util.TreeSet<String> names = new java.util.TreeSet<>(actual.keySet());
    names.addAll(expected.keySet());
    StringBuilder diff = new StringBuilder();
    for (String name : names) {
      Double a = actual.get(name);
      Double e = expected.get(name);
      if (!java.util.Objects.equals(a, e) && !sameSum(name, a, e)) {
        diff.append(name).append(": ").append(a).append(" != expected ").append(e).append('\n');
      }
    }
    return diff.toString();
  }

  private static boolean sameSum(String name, Double actual, Double expected) {
    int brace = name.indexOf('{');
    boolean isSum = (brace < 0 ? name : name.substring(0, brace)).endsWith("_sum");
    return isSum
        && actual != null
        && expected != null
        && Math.abs(actual - expected) <= 1e-12 * Math.max(Math.abs(actual), Math.abs(expected));
  }

  /** The longest declared family whose name starts the sample's name. */
  private String familyOf(String sample) {
    int brace = sample.indexOf('{');
    String name = brace < 0 ? sample : sample.substring(0, brace);
    String best = null;
    for (String family : types.keySet()) {
      if (name.startsWith(family) && (best == null || family.length() > best.length())) {
        best = family;
      }
    }
    return best;
  }
}

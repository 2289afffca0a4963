package io.balsamexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.balsamexporter.Exporter;
import io.balsamexporter.testing.Await;
import io.balsamexporter.testing.PrometheusServer;
import io.balsamexporter.testing.RequiredBinary;
import io.balsamexporter.testing.SimHarness;
import io.balsamexporter.testing.VictoriaMetricsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's single-node VictoriaMetrics recipe, run with the real programs: two exporters on the
 * same Balsam account, each scraped by a Prometheus of its own that carries its {@code replica}
 * external label, both remote-writing to one victoria-metrics started with the shipped relabel
 * rules ({@code examples/victoria-metrics/relabel.yml}) and deduplication at the scrape interval.
 */
class VictoriaMetricsRecipeTest {
  private static final Path RELABEL = Path.of("examples", "victoria-metrics", "relabel.yml");
  private static final String DOMAIN = "{__name__=~\"balsam_.+\",__name__!~\"balsam_exporter_.+\"}";
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final Duration CHECK_EVERY = Duration.ofMillis(500);

  @TempDir Path work;

  @Test
  void twoReplicasWriteOneSeriesPerDomainLabelSetWithTheExactValuesAndKeepTheirOwnFamiliesApart()
      throws Exception {
    RequiredBinary.onPath("prometheus", "prometheus"); // skip before starting anything
    RequiredBinary.onPath("victoria-metrics", "victoria-metrics");
    try (SimHarness balsam = SimHarness.withDevFixtures();
        Exporter first = Exporter.start(balsam.config(10_000), balsam.clock);
        Exporter second = Exporter.start(balsam.config(10_000), balsam.clock);
        VictoriaMetricsServer store =
            VictoriaMetricsServer.start(
                Files.createDirectories(work.resolve("vm")),
                List.of(
                    "-dedup.minScrapeInterval=1s", "-relabelConfig=" + RELABEL.toAbsolutePath()));
        PrometheusServer a = prometheus("a", first, store);
        PrometheusServer b = prometheus("b", second, store)) {
      assertThat(first.awaitReady(PATIENCE)).isTrue();
      assertThat(second.awaitReady(PATIENCE)).isTrue();

      // Once both have written a while: each domain series of replica a's Prometheus, once, with
      // its value, and nothing else. (victoria-metrics keeps 12 significant digits of a value, so
      // a sum of seconds such as 4753.8380240000015 comes back as 4753.838024.)
      Await.until(
          () ->
              "victoria-metrics holds exactly replica a's domain series; they differ in "
                  + difference(values(store.query(DOMAIN)), values(a.query(DOMAIN)))
                  + "\nits log:\n"
                  + store.log(),
          PATIENCE,
          CHECK_EVERY,
          () -> {
            Map<String, String> scraped = values(a.query(DOMAIN));
            return !scraped.isEmpty() && difference(values(store.query(DOMAIN)), scraped).isEmpty();
          });
      assertThat(labelNames(store.series(DOMAIN))).doesNotContain("replica");
      assertThat(values(store.query(DOMAIN))).containsOnlyKeys(values(b.query(DOMAIN)).keySet());

      // The exporters' own families and the JVM's keep replica: one series per process.
      assertThat(replicas(store.query("balsam_exporter_polls_total"))).containsExactly("a", "b");
      assertThat(replicas(store.query("jvm_threads_current"))).containsExactly("a", "b");

      // Deduplication: both replicas write a sample of each domain series every second, and
      // victoria-metrics keeps one a second.
      Await.pause(Duration.ofSeconds(12));
      String window = "count_over_time(balsam_up[10s])";
      assertThat(Double.parseDouble(values(a.query(window)).values().iterator().next()))
          .as("replica a scraped every second")
          .isGreaterThanOrEqualTo(8);
      assertThat(Double.parseDouble(values(store.query(window)).values().iterator().next()))
          .as("samples of balsam_up in victoria-metrics over 10 s, both replicas writing")
          .isLessThanOrEqualTo(11);
    }
  }

  @Test
  void theReadmeShowsTheShippedRelabelFileWordForWord() throws Exception {
    assertThat(Files.readString(Path.of("README.md")))
        .contains("```yaml\n" + Files.readString(RELABEL) + "```\n");
  }

  /**
   * A Prometheus that scrapes {@code exporter} every second under the stable {@code job} and {@code
   * instance} the README asks of both replicas, with {@code replica} as its external label, and
   * remote-writes to {@code store}.
   */
  private PrometheusServer prometheus(
      String replica, Exporter exporter, VictoriaMetricsServer store) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode config = yaml.createObjectNode();
    config
        .putObject("global")
        .put("scrape_interval", "1s")
        .put("scrape_timeout", "1s")
        .putObject("external_labels")
        .put("replica", replica);
    ObjectNode job = config.putArray("scrape_configs").addObject().put("job_name", "balsam");
    job.putArray("static_configs")
        .addObject()
        .putArray("targets")
        .add("127.0.0.1:" + exporter.port());
    job.putArray("relabel_configs")
        .addObject()
        .put("target_label", "instance")
        .put("replacement", "balsam-alice");
    config
        .putArray("remote_write")
        .addObject()
        .put("url", store.remoteWriteUrl())
        .putObject("queue_config")
        .put("batch_send_deadline", "1s");
    Path dir = Files.createDirectories(work.resolve("prometheus-" + replica));
    Path file = dir.resolve("prometheus.yml");
    yaml.writeValue(file.toFile(), config);
    return PrometheusServer.start(file, dir);
  }

  /** An instant vector as series (labels in name order, replica included) to value. */
  private static Map<String, String> values(JsonNode answer) {
    assertThat(answer.path("status").asText()).as(answer.toString()).isEqualTo("success");
    Map<String, String> values = new HashMap<>();
    for (JsonNode sample : answer.path("data").path("result")) {
      Map<String, String> labels = new TreeMap<>();
      for (Map.Entry<String, JsonNode> label : sample.path("metric").properties()) {
        labels.put(label.getKey(), label.getValue().asText());
      }
      values.put(labels.toString(), sample.path("value").get(1).asText());
    }
    return values;
  }

  /**
   * Where two vectors differ, at most ten series, each with its value in each: a series missing
   * from one, or values further apart than the 12 significant digits victoria-metrics keeps.
   */
  private static List<String> difference(Map<String, String> actual, Map<String, String> expected) {
    Set<String> series = new TreeSet<>(actual.keySet());
    series.addAll(expected.keySet());
    return series.stream()
        .filter(s -> !close(actual.get(s), expected.get(s)))
        .limit(10)
        .map(s -> s + ": " + actual.get(s) + " instead of " + expected.get(s))
        .toList();
  }

  private static boolean close(String actual, String expected) {
    if (actual == null || expected == null) {
      return false;
    }
    double a = Double.parseDouble(actual);
    double e = Double.parseDouble(expected);
    return a == e || Math.abs(a - e) <= 1e-11 * Math.max(Math.abs(a), Math.abs(e));
  }

  private static Set<String> labelNames(JsonNode series) {
    Set<String> names = new TreeSet<>();
    series.path("data").forEach(labels -> labels.fieldNames().forEachRemaining(names::add));
    return names;
  }

  private static Set<String> replicas(JsonNode answer) {
    Set<String> replicas = new TreeSet<>();
    answer
        .path("data")
        .path("result")
        .forEach(sample -> replicas.add(sample.path("metric").path("replica").asText()));
    return replicas;
  }
}

package io.balsamexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.balsamexporter.Exporter;
import io.balsamexporter.config.ConfigLoader;
import io.balsamexporter.sim.BalsamSimulator;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimWrites;
import io.balsamexporter.sim.workload.Profile;
import io.balsamexporter.sim.workload.WorkloadGenerator;
import io.balsamexporter.testing.Await;
import io.balsamexporter.testing.PrometheusServer;
import io.balsamexporter.testing.RequiredBinary;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Prometheus, configured from the shipped prometheus.yml with the shipped rules, scrapes
 * an exporter that polls the simulator while it plays a fast campaign; then every panel query of
 * every dashboard and every rule expression is evaluated through Prometheus's HTTP API.
 */
class DashboardQueriesOnPrometheusTest {
  /** Campaign durations are divided by this: jobs run, finish and fail within seconds. */
  private static final double CAMPAIGN_SPEED = 10;

  /** How long the campaign may take to show every panel something; the test stops then. */
  private static final Duration DATA_DEADLINE = Duration.ofSeconds(45);

  // Each check asks Prometheus a query or a dozen; its data changes at each scrape only.
  private static final Duration PROMETHEUS_CHECK_EVERY = Duration.ofMillis(200);

  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+), *([a-z_]+)\\)");

  @TempDir static Path workDir;
  private static LiveCampaign campaign;
  private static PrometheusServer prometheus;
  private static Instant scrapingSince;
  private static String jobName;

  @BeforeAll
  static void start() throws Exception {
    RequiredBinary.onPath("prometheus", "prometheus"); // skip before starting anything
    campaign = startExporterOnLiveCampaign();
    Path config = workDir.resolve("prometheus.yml");
    jobName = writePrometheusConfig(config, "127.0.0.1:" + campaign.port());
    prometheus = PrometheusServer.start(config, workDir);
    scrapingSince = Instant.now();
  }

  @AfterAll
  static void stop() throws Exception {
    if (prometheus != null) {
      prometheus.close();
    }
    if (campaign != null) {
      campaign.close();
    }
  }

  @Test
  void prometheusLoadsEveryShippedRuleAndEvaluatesItWithoutError() {
    List<String> expected =
        ShippedRules.rules().stream().map(ShippedRules.Rule::name).sorted().toList();
    Await.until(
        () -> "every shipped rule loaded and evaluated, health now " + ruleHealth(),
        Duration.ofSeconds(20),
        PROMETHEUS_CHECK_EVERY,
        () -> {
          Map<String, String> health = ruleHealth();
          return health.keySet().containsAll(expected) && !health.containsValue("unknown");
        });
    Map<String, String> health = ruleHealth();
    assertThat(health.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(health).as(prometheus.log()).allSatisfy((name, h) -> assertThat(h).isEqualTo("ok"));
  }

  @Test
  void everyRuleExpressionParsesAndEvaluates() {
    for (ShippedRules.Rule rule : ShippedRules.rules()) {
      JsonNode answer = prometheus.query(rule.expr());
      assertThat(answer.path("status").asText())
          .as(rule.name() + ": " + answer)
          .isEqualTo("success");
    }
  }

  @Test
  void everyPanelQueryOfEveryDashboardReturnsData() {
    Map<String, String> variables = variableValues();
    Map<String, String> pending = new LinkedHashMap<>();
    for (ShippedDashboards.Query query : ShippedDashboards.queries()) {
      String expr = substitute(query.expr(), variables);
      assertThat(expr).as("every variable substituted in " + query.where()).doesNotContain("$");
      JsonNode instant = prometheus.query(expr); // as a stat panel asks
      assertThat(instant.path("status").asText())
          .as(query.where() + " -> " + expr + ": " + instant)
          .isEqualTo("success");
      pending.put(expr, query.where());
    }
    // The recorded series must come out of the rules, too.
    for (ShippedRules.Rule rule : ShippedRules.recordingRules()) {
      pending.put(rule.name() + "{job=\"" + jobName + "\"}", "recording rule " + rule.name());
    }

    // Over the range since scraping began, as a time series panel asks: a stat of the nodes in
    // use has no value at an instant when no batch job runs, and that is not a broken query.
    Await.until(
        () -> "data for every query, still none for " + pending.values(),
        dataPatience(),
        PROMETHEUS_CHECK_EVERY,
        () -> {
          pending.entrySet().removeIf(query -> hasData(query.getKey(), query.getValue()));
          return pending.isEmpty();
        });
  }

  @Test
  void everyDashboardVariableFindsValues() {
    for (ShippedDashboards.Dashboard dashboard : ShippedDashboards.all()) {
      for (JsonNode variable : dashboard.variables()) {
        String query = variable.path("query").asText();
        Matcher labelValues = LABEL_VALUES.matcher(query);
        if (labelValues.matches()) {
          String expr = "count by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")";
          awaitData(
              substitute(expr, variableValues()),
              dashboard.title() + " $" + variable.path("name").asText());
        } else if (query.equals("label_names()")) {
          assertThat(prometheus.get("/api/v1/labels").path("data").toString())
              .as("labels for $%s", variable.path("name").asText())
              .contains("\"tag_experiment\"");
        }
      }
    }
  }

  private static boolean hasData(String expr, String where) {
    JsonNode answer = prometheus.queryRange(expr, scrapingSince, Duration.ofSeconds(1));
    assertThat(answer.path("status").asText())
        .as(where + " -> " + expr + ": " + answer)
        .isEqualTo("success");
    return !answer.path("data").path("result").isEmpty();
  }

  private static void awaitData(String expr, String where) {
    Await.until(
        () -> "data for " + where + ": " + expr,
        dataPatience(),
        PROMETHEUS_CHECK_EVERY,
        () -> hasData(expr, where));
  }

  /** What is left of {@link #DATA_DEADLINE}, which runs from the first scrape for every test. */
  private static Duration dataPatience() {
    return Duration.between(Instant.now(), scrapingSince.plus(DATA_DEADLINE));
  }

  private static JsonNode siteValues() {
    return prometheus.get("/api/v1/label/site/values").path("data");
  }

  /** What Grafana would put in for each variable: values that exist in this Prometheus. */
  private static Map<String, String> variableValues() {
    Await.until(
        () -> "sites scraped",
        dataPatience(),
        PROMETHEUS_CHECK_EVERY,
        () -> !siteValues().isEmpty());
    JsonNode sites = siteValues();
    List<String> siteNames = new ArrayList<>();
    sites.forEach(site -> siteNames.add(site.asText()));
    Map<String, String> values = new LinkedHashMap<>();
    // Longest first, so that $__rate_interval is not taken for a variable named $__rate.
    values.put("$__rate_interval", "4s");
    values.put("$__range", "1m");
    values.put("$job", jobName);
    values.put("$instance", "127.0.0.1:" + campaign.port());
    values.put("$site", String.join("|", siteNames)); // a multi-select of every site
    values.put("$tag", "tag_experiment");
    return values;
  }

  private static String substitute(String expr, Map<String, String> values) {
    String result = expr;
    for (Map.Entry<String, String> value : values.entrySet()) {
      result = result.replace(value.getKey(), value.getValue());
    }
    return result;
  }

  private static Map<String, String> ruleHealth() {
    Map<String, String> health = new LinkedHashMap<>();
    for (JsonNode group : prometheus.get("/api/v1/rules").path("data").path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        health.put(rule.path("name").asText(), rule.path("health").asText());
      }
    }
    return health;
  }

  /**
   * The shipped prometheus.yml, changed only where a test must: the target, 1s intervals so that a
   * few seconds give several scrapes, and absolute paths to the shipped rules.
   */
  private static String writePrometheusConfig(Path file, String target) throws Exception {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode config = (ObjectNode) yaml.readTree(Path.of("prometheus.yml").toFile());
    ObjectNode global = (ObjectNode) config.path("global");
    global.put("scrape_interval", "1s").put("evaluation_interval", "1s");
    ArrayNode ruleFiles = config.putArray("rule_files");
    for (JsonNode pattern : yaml.readTree(Path.of("prometheus.yml").toFile()).path("rule_files")) {
      ruleFiles.add(Path.of(pattern.asText()).toAbsolutePath().toString());
    }
    ObjectNode job = (ObjectNode) config.path("scrape_configs").get(0);
    job.put("scrape_timeout", "1s");
    ((ObjectNode) job.path("static_configs").get(0)).putArray("targets").add(target);
    yaml.writeValue(file.toFile(), config);
    return job.path("job_name").asText();
  }

  /** An exporter polling a simulator that plays a campaign, and how to stop both. */
  private record LiveCampaign(int port, AutoCloseable stop) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      stop.close();
    }
  }

  /**
   * The one place this test builds project classes (config/ and sim/ change often): a simulator
   * playing the test profile fast in real time, and an exporter polling it every second, with the
   * tag label {@code experiment} enabled, on a free port of 127.0.0.1.
   */
  private static LiveCampaign startExporterOnLiveCampaign() throws Exception {
    SimStore store = new SimStore();
    long user = SimAccounts.register(store, "ops", "ops-password");
    WorkloadGenerator generator =
        new WorkloadGenerator(store, new SimWrites(store), user, 7, Profile.test());
    AutoCloseable workload = generator.startRealtime(CAMPAIGN_SPEED);
    BalsamSimulator simulator = BalsamSimulator.start(store);
    ConfigLoader.Outcome.Run run =
        (ConfigLoader.Outcome.Run)
            new ConfigLoader(
                    Map.of("BALSAM_EXPORTER_BALSAM_PASSWORD", "ops-password"), Clock.systemUTC())
                .load(
                    "--balsam.url=" + simulator.baseUrl(),
                    "--balsam.username=ops",
                    "--balsam.poll-interval=1s",
                    "--metrics.job-tag-labels=experiment",
                    "--web.listen-address=127.0.0.1:0");
    Exporter exporter = Exporter.start(run.config(), Clock.systemUTC());
    return new LiveCampaign(
        exporter.port(),
        () -> {
          exporter.close();
          simulator.close();
          workload.close();
        });
  }
}

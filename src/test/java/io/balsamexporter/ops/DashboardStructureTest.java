package io.balsamexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The invariants every shipped Grafana dashboard keeps. */
class DashboardStructureTest {
  private static final Set<String> PANEL_TYPES =
      Set.of("timeseries", "stat", "heatmap", "table", "state-timeline");
  private static final String DATASOURCE_VARIABLE = "${datasource}";
  private static final Pattern RANGE = Pattern.compile("\\[([^\\]]*)\\]");
  private static final Pattern RATE_OR_INCREASE = Pattern.compile("\\b(rate|irate|increase)\\(");
  private static final Pattern METRIC = Pattern.compile("\\b((?:balsam|jvm|process)_[a-z0-9_]+)");

  @Test
  void theCampaignAndExporterDashboardsAreShipped() {
    assertThat(ShippedDashboards.all())
        .extracting(ShippedDashboards.Dashboard::title)
        .containsExactlyInAnyOrder("Balsam / Campaign", "Balsam / Exporter");
  }

  @Test
  void everyDashboardHasAStableUniqueUid() {
    List<String> uids = new ArrayList<>();
    for (ShippedDashboards.Dashboard dashboard : ShippedDashboards.all()) {
      String uid = dashboard.json().path("uid").asText();
      assertThat(uid).as("uid of %s", dashboard.title()).matches("[a-z0-9-]{1,40}");
      uids.add(uid);
    }
    assertThat(uids).doesNotHaveDuplicates();
  }

  @Test
  void panelsUseOnlyCurrentPanelTypesWithUniqueIds() {
    for (ShippedDashboards.Dashboard dashboard : ShippedDashboards.all()) {
      Set<Integer> ids = new HashSet<>();
      for (JsonNode panel : dashboard.panels()) {
        assertThat(panel.path("type").asText())
            .as("type of %s / %s", dashboard.title(), panel.path("title").asText())
            .isIn(PANEL_TYPES);
        assertThat(ids.add(panel.path("id").asInt()))
            .as("id %s is unique in %s", panel.path("id"), dashboard.title())
            .isTrue();
      }
      assertThat(dashboard.panels()).isNotEmpty();
    }
  }

  @Test
  void everyPanelHasAUnitATitleAndAQuery() {
    for (ShippedDashboards.Dashboard dashboard : ShippedDashboards.all()) {
      for (JsonNode panel : dashboard.panels()) {
        String where = dashboard.title() + " / " + panel.path("title").asText();
        assertThat(panel.path("title").asText()).as("title in %s", dashboard.title()).isNotBlank();
        assertThat(panel.path("fieldConfig").path("defaults").path("unit").asText())
            .as("unit of %s", where)
            .isNotBlank();
        assertThat(panel.path("targets")).as("queries of %s", where).isNotEmpty();
        panel
            .path("targets")
            .forEach(t -> assertThat(t.path("expr").asText()).as("expr in %s", where).isNotBlank());
      }
    }
  }

  @Test
  void everyPanelQueryAndVariableGoesThroughTheDatasourceVariable() {
    for (ShippedDashboards.Dashboard dashboard : ShippedDashboards.all()) {
      JsonNode datasource = variable(dashboard, "datasource");
      assertThat(datasource.path("type").asText()).isEqualTo("datasource");
      assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
      for (JsonNode panel : dashboard.panels()) {
        String where = dashboard.title() + " / " + panel.path("title").asText();
        assertThat(panel.path("datasource").path("uid").asText())
            .as("datasource of %s", where)
            .isEqualTo(DATASOURCE_VARIABLE);
        panel
            .path("targets")
            .forEach(
                t ->
                    assertThat(t.path("datasource").path("uid").asText())
                        .as("datasource of a query in %s", where)
                        .isEqualTo(DATASOURCE_VARIABLE));
      }
      for (JsonNode variable : dashboard.variables()) {
        if (!variable.path("type").asText().equals("datasource")) {
          assertThat(variable.path("datasource").path("uid").asText())
              .as("datasource of variable %s", variable.path("name").asText())
              .isEqualTo(DATASOURCE_VARIABLE);
        }
      }
    }
  }

  @Test
  void theDatasourceVariableDefaultsToTheProvisionedDatasource() throws IOException {
    String provisioned =
        Files.readString(Path.of("grafana", "provisioning", "datasources", "prometheus.yml"));
    for (ShippedDashboards.Dashboard dashboard : ShippedDashboards.all()) {
      String uid = variable(dashboard, "datasource").path("current").path("value").asText();
      assertThat(provisioned).contains("uid: " + uid);
    }
  }

  /**
   * rate() and increase() over $__rate_interval, so that a window always spans enough scrapes; the
   * "in the range" totals of stat panels over $__range, the dashboard's time range.
   */
  @Test
  void everyRateAndIncreaseRunsOverRateIntervalOrOverTheRangeOfAStat() {
    int ranges = 0;
    for (ShippedDashboards.Query query : ShippedDashboards.queries()) {
      Matcher range = RANGE.matcher(query.expr());
      while (range.find()) {
        ranges++;
        String window = range.group(1);
        if (window.equals("$__range")) {
          assertThat(query.panel().path("type").asText())
              .as("$__range outside a stat: %s", query.where())
              .isEqualTo("stat");
        } else {
          assertThat(window).as(query.where()).isEqualTo("$__rate_interval");
        }
      }
      int functions = count(RATE_OR_INCREASE, query.expr());
      assertThat(count(RANGE, query.expr()))
          .as("every rate/increase has its range: %s", query.where())
          .isGreaterThanOrEqualTo(functions);
    }
    assertThat(ranges).isPositive();
  }

  @Test
  void everyMetricQueriedIsOneTheExporterExports() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (ShippedDashboards.Query query : ShippedDashboards.queries()) {
      Matcher metric = METRIC.matcher(query.expr());
      while (metric.find()) {
        String family = metric.group(1).replaceFirst("_(bucket|sum|count)$", "");
        if (family.startsWith("jvm_") || family.startsWith("process_")) {
          continue; // client_java's JVM families, which the README lists as a group
        }
        assertThat(readme)
            .as("README documents %s (%s)", family, query.where())
            .contains("| `" + family + "` |");
      }
    }
  }

  @Test
  void theCampaignDashboardSelectsSitesFromTheirLabelValues() {
    JsonNode site = variable(campaign(), "site");
    assertThat(site.path("type").asText()).isEqualTo("query");
    assertThat(site.path("multi").asBoolean()).isTrue();
    assertThat(site.path("query").asText()).startsWith("label_values(").endsWith(", site)");
    assertThat(variable(campaign(), "tag").path("regex").asText()).contains("tag_");
    for (ShippedDashboards.Query query : campaign().queries()) {
      assertThat(query.expr()).as(query.where()).contains("site=~\"$site\"");
    }
  }

  @Test
  void utilizationIsAThinBlueStepLineOverAThickGrayStepLineOfAvailableNodes() {
    JsonNode panel =
        campaign().panels().stream()
            .filter(p -> p.path("title").asText().equals("Utilization vs available nodes"))
            .findFirst()
            .orElseThrow();
    assertThat(panel.path("type").asText()).isEqualTo("timeseries");
    assertThat(
            panel
                .path("fieldConfig")
                .path("defaults")
                .path("custom")
                .path("lineInterpolation")
                .asText())
        .isEqualTo("stepAfter");
    JsonNode available = target(panel, "A");
    JsonNode running = target(panel, "B");
    assertThat(available.path("expr").asText()).contains("balsam_available_nodes");
    assertThat(running.path("expr").asText()).contains("balsam_running_job_nodes");
    assertThat(override(panel, "A", "color").path("fixedColor").asText()).isEqualTo("gray");
    assertThat(override(panel, "B", "color").path("fixedColor").asText()).isEqualTo("blue");
    int thick = override(panel, "A", "custom.lineWidth").asInt();
    int thin = override(panel, "B", "custom.lineWidth").asInt();
    assertThat(thick).isGreaterThanOrEqualTo(3 * thin);
    assertThat(thin).isEqualTo(1);
  }

  @Test
  void theErrorsPanelsLinkToTheFailuresPageOfTheirAppForTheDashboardsTimeRange() {
    for (String title :
        List.of("Run errors by app and exit code", "Final failures by app and cause")) {
      JsonNode panel =
          campaign().panels().stream()
              .filter(p -> p.path("title").asText().equals(title))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no panel " + title));
      // The series keep the exporter's instance, so that the link reaches the exporter scraped.
      assertThat(target(panel, "A").path("expr").asText()).contains("sum by (instance, app, ");
      JsonNode link = panel.path("fieldConfig").path("defaults").path("links").get(0);
      assertThat(link).as("data link of %s", title).isNotNull();
      assertThat(link.path("url").asText())
          .isEqualTo(
              "http://${__field.labels.instance}/failures?app=${__field.labels.app}"
                  + "&since=${__from:date:iso}&until=${__to:date:iso}");
    }
  }

  @Test
  void stuckAgesArePanelsOfTheCampaignDashboard() {
    List<String> exprs = campaign().queries().stream().map(ShippedDashboards.Query::expr).toList();
    assertThat(exprs)
        .anyMatch(
            e -> e.startsWith("time() - min by (site, state) (balsam_jobs_oldest_state_entry"))
        .anyMatch(e -> e.contains("balsam_jobs_in_state_longer_than_1h"));
  }

  private static ShippedDashboards.Dashboard campaign() {
    return ShippedDashboards.all().stream()
        .filter(d -> d.title().equals("Balsam / Campaign"))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode variable(ShippedDashboards.Dashboard dashboard, String name) {
    return dashboard.variables().stream()
        .filter(v -> v.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no variable " + name + " in " + dashboard.title()));
  }

  private static JsonNode target(JsonNode panel, String refId) {
    for (JsonNode target : panel.path("targets")) {
      if (target.path("refId").asText().equals(refId)) {
        return target;
      }
    }
    throw new AssertionError("no query " + refId);
  }

  private static JsonNode override(JsonNode panel, String refId, String property) {
    for (JsonNode override : panel.path("fieldConfig").path("overrides")) {
      JsonNode matcher = override.path("matcher");
      if (matcher.path("id").asText().equals("byFrameRefID")
          && matcher.path("options").asText().equals(refId)) {
        for (JsonNode p : override.path("properties")) {
          if (p.path("id").asText().equals(property)) {
            return p.path("value");
          }
        }
      }
    }
    throw new AssertionError("no override of " + property + " for query " + refId);
  }

  private static int count(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }
}

package io.balsamexporter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.testing.Promtool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** prometheus.yml and the rules under prometheus/, checked and unit-tested by the real promtool. */
class PrometheusRulesTest {

  @Test
  void theShippedPrometheusConfigIsValidAndLoadsEveryRule() {
    Promtool.Result result = Promtool.run("", "check", "config", "prometheus.yml");

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .contains("SUCCESS: " + ShippedRules.ruleFiles().size() + " rule files found");
    Matcher found = Pattern.compile("SUCCESS: (\\d+) rules found").matcher(result.output());
    int rulesLoaded = 0;
    while (found.find()) {
      rulesLoaded += Integer.parseInt(found.group(1));
    }
    assertThat(rulesLoaded).isEqualTo(ShippedRules.rules().size()).isPositive();
  }

  @Test
  void everyRuleFilePassesPromtoolCheckRules() {
    List<String> args = new ArrayList<>(List.of("check", "rules"));
    ShippedRules.ruleFiles().forEach(file -> args.add(file.toString()));

    Promtool.Result result = Promtool.run("", args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(ShippedRules.ruleFiles()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void everyPromtoolUnitTestPasses() {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    ShippedRules.testFiles().forEach(file -> args.add(file.toString()));

    Promtool.Result result = Promtool.run("", args.toArray(String[]::new));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).doesNotContain("FAILED");
  }

  @Test
  void everyAlertIsTestedBothFiringAndNotFiring() {
    for (ShippedRules.Rule alert : ShippedRules.alerts()) {
      List<JsonNode> cases = alertTests(alert.name());
      assertThat(cases).as("alert_rule_test cases of %s", alert.name()).isNotEmpty();
      assertThat(cases)
          .as("%s has a case where it fires", alert.name())
          .anyMatch(c -> !c.path("exp_alerts").isEmpty());
      assertThat(cases)
          .as("%s has a case where it does not fire", alert.name())
          .anyMatch(c -> c.path("exp_alerts").isEmpty());
    }
  }

  @Test
  void everyRecordingRuleIsTested() {
    List<String> testedExprs = new ArrayList<>();
    ShippedRules.testCases()
        .forEach(
            c -> c.path("promql_expr_test").forEach(t -> testedExprs.add(t.get("expr").asText())));
    for (ShippedRules.Rule rule : ShippedRules.recordingRules()) {
      assertThat(testedExprs)
          .as("promql_expr_test of %s", rule.name())
          .anyMatch(e -> e.contains(rule.name()));
    }
  }

  @Test
  void theAlertsOfTheIssuesAreShipped() {
    assertThat(ShippedRules.alerts())
        .extracting(ShippedRules.Rule::name)
        .containsExactlyInAnyOrder(
            "BalsamExporterDown",
            "BalsamApiUnreachable",
            "BalsamThroughputStalled",
            "BalsamSiteAgentStale",
            "BalsamJobFailureRateHigh",
            "BalsamAllocationIdle",
            "BalsamTokenExpiringSoon",
            "BalsamEventLagHigh",
            "BalsamRunnableJobsNotStarted",
            "BalsamJobsStuckBeforeRun",
            "BalsamJobRunningPastWallTime");
  }

  @Test
  void everyAlertHasASeverityADurationAndItsAnnotations() {
    for (ShippedRules.Rule alert : ShippedRules.alerts()) {
      JsonNode node = alert.node();
      assertThat(node.path("for").asText()).as("for: of %s", alert.name()).isNotBlank();
      assertThat(node.path("labels").path("severity").asText())
          .as("severity of %s", alert.name())
          .isIn("warning", "critical");
      for (String annotation : List.of("summary", "description", "runbook_url")) {
        assertThat(node.path("annotations").path(annotation).asText())
            .as("%s of %s", annotation, alert.name())
            .isNotBlank();
      }
    }
  }

  /** Where every runbook_url points: the page the alert's exporter serves. */
  static final String RUNBOOK = "http://{{ $labels.instance }}/runbook#";

  @Test
  void everyRunbookUrlPointsAtAHeadingOfTheRunbookTheExporterServes() {
    List<String> anchors = ReadmeAnchors.of(Path.of("README.md"));
    for (ShippedRules.Rule alert : ShippedRules.alerts()) {
      String url = alert.node().path("annotations").path("runbook_url").asText();
      assertThat(url).as("runbook_url of %s", alert.name()).startsWith(RUNBOOK);
      assertThat(anchors)
          .as("README heading for %s", url)
          .contains(url.substring(RUNBOOK.length()));
    }
  }

  private static List<JsonNode> alertTests(String alertName) {
    List<JsonNode> found = new ArrayList<>();
    ShippedRules.testCases()
        .forEach(
            c ->
                c.path("alert_rule_test")
                    .forEach(
                        t -> {
                          if (t.path("alertname").asText().equals(alertName)) {
                            found.add(t);
                          }
                        }));
    return found;
  }
}

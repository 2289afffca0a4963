package io.balsamexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Exporter;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.Promtool;
import io.balsamexporter.testing.SimHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole {@code /metrics} page for the recorded dev workload, less the JVM's own families,
 * against a golden file. Regenerate it with {@code ./mvnw verify -Dgolden.update=true} and review
 * the diff like code.
 */
class GoldenMetricsTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/dev-metrics.prom");
  private static final Pattern REVISION =
      Pattern.compile("(?<=^balsam_exporter_build_info\\{)revision=\"[^\"]*\"");

  private static SimHarness balsam;
  private static Exporter exporter;
  private static String page;

  @BeforeAll
  static void scrape() throws Exception {
    balsam = SimHarness.withDevFixtures();
    exporter = Exporter.start(balsam.config(10_000), balsam.clock);
    assertThat(exporter.awaitReady(Duration.ofSeconds(60))).isTrue();
    page = Http.text(Http.get(exporter.port(), "/metrics"));
  }

  @AfterAll
  static void stop() {
    exporter.close();
    balsam.close();
  }

  @Test
  void metricsForTheDevWorkloadMatchTheGoldenFile() throws IOException {
    String exported = withoutRuntimeFamilies(page);
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, exported);
    }
    assertThat(exported).isEqualTo(Files.readString(GOLDEN));
  }

  @Test
  void buildInfoNamesTheCommitTheJarWasBuiltFrom() {
    // A build from a clone stamps the abbreviated commit; one outside git says "unknown".
    assertThat(page)
        .containsPattern("(?m)^balsam_exporter_build_info\\{revision=\"([0-9a-f]{12}|unknown)\",");
  }

  @Test
  void promtoolFindsNothingToCriticise() {
    Promtool.Result result = Promtool.run(page, "check", "metrics");
    assertThat(result.output()).isEmpty();
    assertThat(result.exitCode()).isZero();
  }

  /**
   * Drops the jvm_* and process_* families, whose values change from run to run, and masks the
   * commit in build_info, which changes with every commit.
   */
  static String withoutRuntimeFamilies(String exposition) {
    List<String> kept = new ArrayList<>();
    for (String line : exposition.split("\n")) {
      String name = line.startsWith("# ") ? line.split(" ")[2] : line;
      if (!name.startsWith("jvm_") && !name.startsWith("process_")) {
        kept.add(REVISION.matcher(line).replaceFirst("revision=\"<commit>\""));
      }
    }
    return String.join("\n", kept) + "\n";
  }
}

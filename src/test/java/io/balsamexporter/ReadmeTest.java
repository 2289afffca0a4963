package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.config.ConfigLoader;
import io.balsamexporter.config.FlagSpec;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.testing.SimHarness;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's tables say exactly what the code does. */
class ReadmeTest {
  private static final Pattern TABLE_NAME = Pattern.compile("^\\| `([^`]+)`", Pattern.MULTILINE);

  private static Set<String> firstColumn(String section) throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("\n## " + section);
    assertThat(start).as("README section %s", section).isNotNegative();
    int end = readme.indexOf("\n## ", start + 1);
    Matcher m = TABLE_NAME.matcher(readme.substring(start, end < 0 ? readme.length() : end));
    Set<String> names = new TreeSet<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void theMetricsTableListsExactlyTheFamiliesTheExporterRegisters() throws Exception {
    ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    metrics.markDemo("http://127.0.0.1:1"); // so that the demo-only family is listed too
    // and those of --storage.path
    metrics.trackStateFile(() -> 1, () -> java.util.Optional.of(java.time.Instant.EPOCH));
    try (SimHarness balsam = SimHarness.withDevFixtures()) {
      new io.balsamexporter.ingest.Poller(
              balsam.client(10_000, metrics.health()),
              new io.balsamexporter.ingest.IngestSettings(
                  10_000, java.time.Duration.ofMinutes(10), java.time.Instant.EPOCH, List.of()),
              balsam.clock)
          .subscribe(metrics.domain())
          .pollOnce();
    }
    Set<String> registered = new TreeSet<>();
    for (MetricSnapshot family : metrics.scrape()) {
      String name = family.getMetadata().getPrometheusName();
      if (name.startsWith("jvm_") || name.startsWith("process_")) {
        continue;
      }
      if (family instanceof CounterSnapshot) {
        name += "_total";
      } else if (family instanceof InfoSnapshot) {
        name += "_info";
      }
      registered.add(name);
    }
    assertThat(firstColumn("Metrics")).isEqualTo(registered);
  }

  @Test
  void theConfigurationTableListsEveryFlag() throws IOException {
    Set<String> flags = new TreeSet<>();
    for (FlagSpec spec : ConfigLoader.flags()) {
      flags.add(spec.displayName());
    }
    assertThat(firstColumn("Configuration")).isEqualTo(flags);
  }
}

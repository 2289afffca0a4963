package io.balsamexporter.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.config.FlagSpec.Source;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpTextTest {
  @TempDir Path dir;

  @Test
  void theHelpOutcomeCarriesTheHelpText() throws Exception {
    assertThat(new ConfigFixture(dir).load("--help"))
        .isEqualTo(new ConfigLoader.Outcome.Help(ConfigLoader.helpText()));
  }

  @Test
  void everySettingHasALineWithItsFlagVariableAndDefault() {
    List<String> lines = Arrays.asList(ConfigLoader.helpText().split("\n"));

    for (FlagSpec spec : ConfigLoader.flags()) {
      String first = spec.flag().isEmpty() ? "(environment only)" : spec.flag();
      Optional<String> line =
          lines.stream()
              .filter(l -> l.startsWith(first + " "))
              .findFirst()
              .or(() -> lines.stream().filter(l -> l.equals(first)).findFirst());
      assertThat(line).as("line of %s", spec.name()).isPresent();
      assertThat(line.get()).contains(spec.envName()).endsWith(spec.shownDefault());
      assertThat(lines.get(lines.indexOf(line.get()) + 1).strip()).isEqualTo(spec.help());
    }
  }

  @Test
  void theColumnsAreAligned() {
    List<String> rows =
        Arrays.stream(ConfigLoader.helpText().split("\n"))
            .filter(line -> line.contains("BALSAM_EXPORTER_"))
            .toList();

    assertThat(rows).hasSize(ConfigLoader.flags().size() - 2);
    assertThat(rows)
        .extracting(row -> row.indexOf("BALSAM_EXPORTER_"))
        .containsOnly(rows.get(0).indexOf("BALSAM_EXPORTER_"));
  }

  @Test
  void theHelpShowsTheDefaultsTheLoaderApplies() {
    String help = ConfigLoader.helpText();

    assertThat(help)
        .containsPattern("--balsam.timeout +BALSAM_EXPORTER_BALSAM_TIMEOUT +30s\n")
        .containsPattern("--balsam.page-size +BALSAM_EXPORTER_BALSAM_PAGE_SIZE +10000\n")
        .containsPattern("--web.listen-address +BALSAM_EXPORTER_WEB_LISTEN_ADDRESS +:10064\n")
        .containsPattern(
            "--balsam.client-file +\\S+ +\\$BALSAM_CLIENT_PATH or ~/.balsam/client.yml\n");
  }

  @Test
  void variableNamesFollowTheFlagNames() {
    assertThat(Flags.BALSAM_URL.envName()).isEqualTo("BALSAM_EXPORTER_BALSAM_URL");
    assertThat(Flags.BALSAM_POLL_INTERVAL.envName())
        .isEqualTo("BALSAM_EXPORTER_BALSAM_POLL_INTERVAL");
    assertThat(Flags.BALSAM_PASSWORD.flag()).isEmpty();
    assertThat(Flags.HELP.envName()).isEmpty();
    assertThat(Flags.from(Source.FILE)).doesNotContain(Flags.CONFIG_FILE, Flags.BALSAM_PASSWORD);
  }

  @Test
  void eachDefaultInTheTableIsValid() throws Exception {
    // The defaults are written as flag values; loading them must give the record's defaults.
    // An explicit --demo=false asks for a real Balsam, so it is left to the demo tests.
    ExporterConfig defaults = new ConfigFixture(dir).config("--demo");
    List<String> args =
        ConfigLoader.flags().stream()
            .filter(spec -> spec.defaultValue().isPresent() && spec.accepts(Source.FLAG))
            .filter(spec -> spec != Flags.DEMO)
            .map(spec -> spec.flag() + "=" + spec.defaultValue().get())
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    args.add("--demo");

    assertThat(new ConfigFixture(dir).config(args.toArray(String[]::new))).isEqualTo(defaults);
  }
}

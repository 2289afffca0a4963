package io.balsamexporter.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.balsamexporter.analytics.ReportFormats;
import io.balsamexporter.analytics.Series;
import java.util.ArrayList;
import java.util.List;

/** A recorded balsam.analytics output, and the comparison every agreement test makes with it. */
public final class ExpectedCsv {
  private ExpectedCsv() {}

  /** The rows of one fixture CSV, header checked and left out. */
  public static List<String[]> rows(String name) {
    List<String> lines = DevFixture.file(name).lines().toList();
    assertThat(lines.get(0)).isEqualTo("time,value");
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split(",", 2));
    }
    return rows;
  }

  /** Same number of rows, the same times, values equal up to 1e-9. */
  public static void assertAgrees(Series actual, String name) {
    List<String[]> expected = rows(name);
    assertThat(actual.size()).as("rows of %s", name).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(ReportFormats.isoTime(actual.micros()[i]))
          .as("time of row %d of %s", i + 1, name)
          .isEqualTo(expected.get(i)[0]);
      assertThat(actual.values()[i])
          .as("value of row %d of %s", i + 1, name)
          .isCloseTo(Double.parseDouble(expected.get(i)[1]), within(1e-9));
    }
  }

  /** The same comparison for CSV text as the API or the command line writes it. */
  public static void assertCsvAgrees(String csv, String name) {
    List<String> lines = csv.lines().toList();
    List<String> expected = DevFixture.file(name).lines().toList();
    assertThat(lines).as("rows of %s", name).hasSameSizeAs(expected);
    assertThat(lines.get(0)).isEqualTo("time,value");
    for (int i = 1; i < expected.size(); i++) {
      String[] got = lines.get(i).split(",", 2);
      String[] want = expected.get(i).split(",", 2);
      assertThat(got[0]).as("time of row %d of %s", i, name).isEqualTo(want[0]);
      assertThat(Double.parseDouble(got[1]))
          .as("value of row %d of %s", i, name)
          .isCloseTo(Double.parseDouble(want[1]), within(1e-9));
    }
  }
}

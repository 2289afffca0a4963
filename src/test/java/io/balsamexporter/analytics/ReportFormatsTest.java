package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The report text written point by point, against what the JDK and Jackson would write. */
class ReportFormatsTest {

  @Test
  void timesAreWrittenAsTheJdkFormatsThemAcrossTheCalendar() throws IOException {
    Random random = new Random(24);
    List<Long> samples =
        new ArrayList<>(
            List.of(
                0L,
                -1L,
                951_782_400_000_000L, // 2000-02-29
                4_107_542_399_999_999L, // 2100-02-28T23:59:59.999999
                -62_167_219_200_000_000L, // year 0
                253_402_300_800_000_000L)); // year 10000
    for (int i = 0; i < 20_000; i++) {
      samples.add(random.nextLong() % 300_000_000_000_000_000L);
    }
    for (long micros : samples) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PointWriter writer = new PointWriter(out, 256);
      writer.room().time(micros).flush();
      assertThat(out.toString(StandardCharsets.US_ASCII)).as("%d", micros).isEqualTo(jdk(micros));
    }
  }

  @Test
  void csvIsOneLinePerPointWithCountsAsIntegers() throws IOException {
    Series series =
        new Series(
            new long[] {1_764_148_390_960_345L, 1_764_148_390_960_345L, 1_764_148_391_000_000L},
            new double[] {1, 2, 3});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormats.csv(ReportKind.THROUGHPUT, series, out);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "time,value\n"
                + "2025-11-26T09:13:10.960345Z,1\n"
                + "2025-11-26T09:13:10.960345Z,2\n"
                + "2025-11-26T09:13:11.000000Z,3\n");
  }

  @Test
  void jsonPointsReadBackAsTheSeriesWithTheFiltersBeforeThem() throws Exception {
    int n = 50_000;
    long[] micros = new long[n];
    double[] values = new double[n];
    Random random = new Random(7);
    for (int i = 0; i < n; i++) {
      micros[i] = 1_764_148_390_000_000L + 1_000L * i;
      values[i] = i % 3 == 0 ? random.nextDouble() * 100 : i * 0.125;
    }
    ReportRequest request =
        ReportParams.parse(
                ReportKind.UTILIZATION, Map.of("site", List.of("polaris")), ReportFormat.JSON)
            .request();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ReportFormats.json(request, new Series(micros, values), out);

    JsonNode json = new ObjectMapper().readTree(out.toByteArray());
    assertThat(json.get("report").asText()).isEqualTo("utilization");
    assertThat(json.get("filters").get("site").asText()).isEqualTo("polaris");
    JsonNode points = json.get("points");
    assertThat(points).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(points.get(i).get("time").asText()).isEqualTo(ReportFormats.isoTime(micros[i]));
      assertThat(points.get(i).get("value").asDouble()).isEqualTo(values[i]);
    }
  }

  @Test
  void aLongReportLeavesInPiecesWhileItIsWritten() throws IOException {
    int n = 100_000;
    Series series = new Series(new long[n], new double[n]);
    List<Integer> writes = new ArrayList<>();
    OutputStream counting =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes.add(1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes.add(len);
          }
        };
    ReportFormats.csv(ReportKind.THROUGHPUT, series, counting);

    assertThat(writes.size()).isGreaterThan(10);
    assertThat(writes).allMatch(len -> len <= ReportFormats.STREAM_BUFFER);
  }

  private static String jdk(long micros) {
    LocalDateTime time =
        LocalDateTime.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000),
            (int) Math.floorMod(micros, 1_000_000) * 1000,
            ZoneOffset.UTC);
    return time.toLocalDate()
        + String.format(
            "T%02d:%02d:%02d.%06dZ",
            time.getHour(), time.getMinute(), time.getSecond(), time.getNano() / 1000);
  }
}

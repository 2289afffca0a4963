package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.config.MetricsConfig;
import io.balsamexporter.sim.store.AppSpec;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.sim.store.SiteSettings;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.Promtool;
import io.balsamexporter.testing.SimHarness;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Site names and job tags are free text chosen by Balsam's users. Quotes, backslashes, newlines,
 * any Unicode and 100 kB values must come out of every exposition format the exporter serves
 * escaped so that a parser reads back exactly the value (bounded by
 * --metrics.label-value-max-length) and no line breaks. Each format is parsed here by a reader of
 * its own, not by client_java.
 */
class HostileLabelsTest {
  private static final int MAX_BYTES = MetricsConfig.DEFAULT_LABEL_VALUE_MAX_LENGTH;

  private static final List<String> TAGS =
      List.of(
          "quote\"inside\"",
          "back\\slash\\n-not-a-newline\\",
          "new\nline",
          "carriage\rreturn",
          "tab\tand Latin-1 ü and Greek λ",
          "non-BMP 🧪 𝔘 \uD83D\uDE00",
          "RTL שלום עולם \u200f عربى \u202e reversed",
          "{braces=\"fake\",label=\"x\"} 1.0",
          "T".repeat(100_000) + "-a",
          "T".repeat(100_000) + "-b",
          "🧪".repeat(30_000));
  private static final String ODD_SITE = "site \"α\" \\ back\nnew 🧪 שלום\u200f";
  private static final String HUGE_SITE = "S".repeat(100_000) + "🧪";

  private static SimHarness balsam;
  private static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    balsam = SimHarness.empty();
    for (String siteName : List.of(ODD_SITE, HUGE_SITE)) {
      Site site =
          balsam.writes.createSite(balsam.userId, siteName, "/p/" + siteName, SiteSettings.NONE);
      App app =
          balsam.writes.createApp(site.id(), "Simulate", new AppSpec(null, null, null, null, null));
      List<NewJob> jobs = new ArrayList<>();
      for (int i = 0; i < TAGS.size(); i++) {
        jobs.add(
            NewJob.of("w/" + site.id() + "/" + i, app.id(), Map.of("experiment", TAGS.get(i))));
      }
      balsam.writes.createJobs(jobs);
    }
    ExporterConfig base = balsam.config(10_000);
    ExporterConfig config =
        new ExporterConfig(
            base.balsam(),
            base.ingest(),
            new MetricsConfig(List.of("experiment"), 50, MAX_BYTES),
            base.web(),
            false);
    exporter = Exporter.start(config, balsam.clock);
    assertThat(exporter.awaitReady(Duration.ofSeconds(60))).isTrue();
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
    }
    balsam.close();
  }

  /** The documented bound, written out again here: prefix, "…", 8 hex digits of SHA-256. */
  private static String bounded(String value) throws Exception {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_BYTES) {
      return value;
    }
    int room = MAX_BYTES - "…".getBytes(StandardCharsets.UTF_8).length - 8;
    StringBuilder prefix = new StringBuilder();
    value
        .codePoints()
        .takeWhile(
            cp -> {
              String next = prefix + Character.toString(cp);
              if (next.getBytes(StandardCharsets.UTF_8).length > room) {
                return false;
              }
              prefix.appendCodePoint(cp);
              return true;
            })
        .count();
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8), 0, 4);
    return prefix + "…" + hash;
  }

  private static Set<String> expected(List<String> values) throws Exception {
    Set<String> out = new TreeSet<>();
    for (String v : values) {
      out.add(bounded(v));
    }
    return out;
  }

  private static HttpResponse<byte[]> scrape(String accept) {
    return accept == null
        ? Http.get(exporter.port(), "/metrics")
        : Http.get(exporter.port(), "/metrics", "Accept", accept);
  }

  @Test
  void thePrometheusTextFormatRoundTripsEveryValue() throws Exception {
    HttpResponse<byte[]> response = scrape(null);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    List<Sample> samples = TextReader.read(strictUtf8(response.body()), false);
    assertRoundTrip(samples);
  }

  @Test
  void theOpenMetricsFormatRoundTripsEveryValue() throws Exception {
    HttpResponse<byte[]> response = scrape("application/openmetrics-text; version=1.0.0");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/openmetrics-text");
    List<Sample> samples = TextReader.read(strictUtf8(response.body()), true);
    assertRoundTrip(samples);
  }

  @Test
  void theProtobufFormatRoundTripsEveryValue() throws Exception {
    HttpResponse<byte[]> response =
        scrape(
            "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily;"
                + " encoding=delimited");
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/vnd.google.protobuf");
    assertRoundTrip(ProtobufReader.read(response.body()));
  }

  @Test
  void promtoolParsesTheTextPageWithTheHostileValues() throws Exception {
    String page = strictUtf8(scrape(null).body());
    Promtool.Result result = Promtool.run(page, "check", "metrics");
    // Lint advice about names may come and go with promtool versions; a parse error may not.
    assertThat(result.output())
        .as(result.output())
        .doesNotContainIgnoringCase("error while linting")
        .doesNotContainIgnoringCase("parsing error")
        .doesNotContainIgnoringCase("invalid");
  }

  private static void assertRoundTrip(List<Sample> samples) throws Exception {
    Set<String> tagValues = new TreeSet<>();
    Set<String> siteValues = new TreeSet<>();
    for (Sample s : samples) {
      String tag = s.labels().get("tag_experiment");
      if (tag != null && s.family().startsWith("balsam_jobs")) {
        tagValues.add(tag);
      }
      String site = s.labels().get("site");
      if (site != null) {
        siteValues.add(site);
      }
      s.labels()
          .values()
          .forEach(
              v ->
                  assertThat(v.getBytes(StandardCharsets.UTF_8).length)
                      .as("a label of %s", s.family())
                      .isLessThanOrEqualTo(MAX_BYTES));
    }
    assertThat(tagValues).isEqualTo(expected(TAGS));
    assertThat(siteValues).isEqualTo(expected(List.of(ODD_SITE, HUGE_SITE)));
    // The two 100 kB tags that differ only at the end keep a series each: 11 tags, 2 sites.
    assertThat(
            samples.stream()
                .filter(s -> s.family().equals("balsam_jobs"))
                .filter(s -> "JOB_FINISHED".equals(s.labels().get("state")))
                .count())
        .isEqualTo(2L * TAGS.size());
    assertThat(
            samples.stream()
                .filter(s -> s.family().startsWith("balsam_site"))
                .map(s -> s.labels().get("path"))
                .filter(p -> p != null)
                .collect(java.util.stream.Collectors.toSet()))
        .isEqualTo(expected(List.of("/p/" + ODD_SITE, "/p/" + HUGE_SITE)));
  }

  private static String strictUtf8(byte[] body) throws CharacterCodingException {
    return StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(body))
        .toString();
  }

  /** One sample: its family or series name and its labels. */
  record Sample(String family, Map<String, String> labels) {}

  /**
   * Reads the Prometheus text format 0.0.4 and OpenMetrics 1.0 strictly: every line is a comment or
   * {@code name[{labels}] value [timestamp]}, label values may hold only the escapes \\, \" and \n,
   * and OpenMetrics ends with # EOF. Anything else fails the test.
   */
  static final class TextReader {
    private final String line;
    private int at;

    private TextReader(String line) {
      this.line = line;
    }

    static List<Sample> read(String page, boolean openMetrics) {
      assertThat(page).endsWith("\n");
      List<String> lines = List.of(page.substring(0, page.length() - 1).split("\n", -1));
      if (openMetrics) {
        assertThat(lines.get(lines.size() - 1)).isEqualTo("# EOF");
      }
      List<Sample> samples = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("#")) {
          assertThat(line).matches("# (HELP|TYPE|UNIT) [a-zA-Z_:][a-zA-Z0-9_:]*( .*)?|# EOF");
          continue;
        }
        samples.add(new TextReader(line).sample());
      }
      assertThat(samples).isNotEmpty();
      return samples;
    }

    private Sample sample() {
      String name = name();
      Map<String, String> labels = new LinkedHashMap<>();
      if (at < line.length() && line.charAt(at) == '{') {
        at++;
        while (line.charAt(at) != '}') {
          String label = name();
          expect('=');
          expect('"');
          String value = quoted();
          assertThat(labels.put(label, value)).as("label %s twice in %s", label, name).isNull();
          if (line.charAt(at) == ',') {
            at++;
          } else {
            assertThat(line.charAt(at)).as("after a label value in %s", name).isEqualTo('}');
          }
        }
        at++;
      }
      expect(' ');
      assertThat(line.substring(at)).as("value of %s", name).matches("\\S+( \\S+)?");
      return new Sample(name, labels);
    }

    private String name() {
      int start = at;
      while (at < line.length()
          && (Character.isLetterOrDigit(line.charAt(at))
              || line.charAt(at) == '_'
              || line.charAt(at) == ':')
          && line.charAt(at) < 0x80) {
        at++;
      }
      assertThat(at).as("a name at %d of a line", start).isGreaterThan(start);
      return line.substring(start, at);
    }

    private String quoted() {
      StringBuilder value = new StringBuilder();
      for (; ; ) {
        char c = line.charAt(at++);
        if (c == '"') {
          return value.toString();
        }
        if (c == '\\') {
          char escaped = line.charAt(at++);
          switch (escaped) {
            case '\\' -> value.append('\\');
            case '"' -> value.append('"');
            case 'n' -> value.append('\n');
            default -> throw new AssertionError("unknown escape \\" + escaped);
          }
        } else {
          value.append(c);
        }
      }
    }

    private void expect(char c) {
      assertThat(line.charAt(at)).as("at %d", at).isEqualTo(c);
      at++;
    }
  }

  /**
   * Reads length-delimited {@code io.prometheus.client.MetricFamily} messages from the protobuf
   * wire format: name is field 1, metrics field 4; a metric's labels field 1, each a pair of name
   * (1) and value (2). Strings must be valid UTF-8.
   */
  static final class ProtobufReader {
    static List<Sample> read(byte[] body) throws IOException {
      List<Sample> samples = new ArrayList<>();
      InputStream in = new ByteArrayInputStream(body);
      while (in.available() > 0) {
        byte[] family = in.readNBytes((int) varint(in));
        String name = null;
        List<byte[]> metrics = new ArrayList<>();
        for (Field f : fields(family)) {
          if (f.number() == 1) {
            name = utf8(f.bytes());
          } else if (f.number() == 4) {
            metrics.add(f.bytes());
          }
        }
        assertThat(name).isNotNull();
        for (byte[] metric : metrics) {
          Map<String, String> labels = new LinkedHashMap<>();
          for (Field f : fields(metric)) {
            if (f.number() == 1) {
              String label = null;
              String value = "";
              for (Field pair : fields(f.bytes())) {
                if (pair.number() == 1) {
                  label = utf8(pair.bytes());
                } else if (pair.number() == 2) {
                  value = utf8(pair.bytes());
                }
              }
              assertThat(labels.put(label, value)).isNull();
            }
          }
          samples.add(new Sample(name, labels));
        }
      }
      assertThat(samples).isNotEmpty();
      return samples;
    }

    record Field(int number, byte[] bytes) {}

    /** The length-delimited fields of a message; other wire types are skipped. */
    private static List<Field> fields(byte[] message) throws IOException {
      List<Field> out = new ArrayList<>();
      InputStream in = new ByteArrayInputStream(message);
      while (in.available() > 0) {
        long key = varint(in);
        int number = (int) (key >>> 3);
        switch ((int) (key & 7)) {
          case 0 -> varint(in);
          case 1 -> assertThat(in.skip(8)).isEqualTo(8);
          case 2 -> {
            int length = (int) varint(in);
            byte[] bytes = in.readNBytes(length);
            assertThat(bytes).hasSize(length);
            out.add(new Field(number, bytes));
          }
          case 5 -> assertThat(in.skip(4)).isEqualTo(4);
          default -> throw new AssertionError("wire type " + (key & 7));
        }
      }
      return out;
    }

    private static long varint(InputStream in) throws IOException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = in.read();
        assertThat(b).as("truncated varint").isNotNegative();
        value |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new AssertionError("varint longer than 10 bytes");
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
      return strictUtf8(bytes);
    }
  }
}

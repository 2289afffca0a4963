package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BalsamException.Kind;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.HttpBalsamClient;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.PasswordLogin;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.balsam.RetryPolicy;
import io.balsamexporter.balsam.RetryingBalsamApi;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.sim.api.Faults;
import io.balsamexporter.testing.Await;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.LogCapture;
import io.balsamexporter.testing.SimHarness;
import io.balsamexporter.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * --balsam.max-response-size: a body without end, streamed by the simulator over loopback, is cut
 * at the limit with an error naming the request and the limit, the connection is dropped, the poll
 * is not retried, and the next good poll brings everything back.
 */
class ResponseSizeLimitTest {
  private static final long ONE_MIB = 1L << 20;

  @AutoClose private final SimHarness balsam = SimHarness.withDevFixtures();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<Duration> slept = new ArrayList<>();

  private BalsamApi client(long maxResponseBytes) {
    HttpBalsamClient http =
        HttpBalsamClient.builder(
                balsam.simulator.baseUrl(), new PasswordLogin(SimHarness.USER, SimHarness.PASSWORD))
            // Far longer than the test may take: only the size limit can end the endless body.
            .requestTimeout(Duration.ofSeconds(120))
            .maxResponseBytes(maxResponseBytes)
            .observer((endpoint, code) -> requests.add(endpoint + " " + code))
            .clock(balsam.clock)
            .build();
    return new RetryingBalsamApi(
        http,
        new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(10)),
        slept::add,
        () -> 0.5);
  }

  private Faults faults() {
    return balsam.simulator.faults();
  }

  /** Waits, at most {@code seconds}, for a condition of the running system. */
  private static void await(String what, int seconds, BooleanSupplier condition) {
    Await.until(what, Duration.ofSeconds(seconds), condition);
  }

  @Test
  void anEndlessBodyFailsFastAtTheLimitDropsTheConnectionAndIsNotRetried() throws Exception {
    BalsamApi api = client(ONE_MIB);
    api.sites(Query.of().with("limit", 0));
    requests.clear();
    faults().endlessBody(1);

    long started = System.nanoTime();
    assertThatThrownBy(() -> api.events(Query.of().with("limit", 100)))
        .isInstanceOfSatisfying(
            BalsamException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
              assertThat(e.status()).isEqualTo(200);
            })
        .hasMessage(
            "GET /events/ failed: 200 OK but the body is larger than the limit of 1MiB"
                + " (--balsam.max-response-size); stopped reading and dropped the connection");
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    // The server would have sent 1 GiB; the client read 1 MiB and hung up.
    assertThat(took).isLessThan(Duration.ofSeconds(20));
    await("the server sees the client hang up", 30, () -> faults().endlessBodiesEnded() > 0);
    assertThat(faults().endlessBodiesHungUpOn()).isEqualTo(1);
    assertThat(faults().endlessBodyMostBytesSent())
        .as("what the server could write before it noticed, socket buffers included")
        .isGreaterThan(ONE_MIB)
        .isLessThan(64 * ONE_MIB);
    assertThat(requests).as("not retried").containsExactly("/events/ 200");
    assertThat(slept).isEmpty();

    Page<Event> next = api.events(Query.of().with("limit", 3));
    assertThat(next.results()).hasSize(3);
  }

  @Test
  void aDeclaredLengthOverTheLimitIsRefusedBeforeReadingIt() throws Exception {
    String jobsPage = balsam.http.get("/jobs/?limit=10000", balsam.login()).body();
    assertThat(jobsPage.length()).isGreaterThan(2048);
    BalsamApi api = client(1024);
    api.sites(Query.of().with("limit", 0));

    assertThatThrownBy(() -> api.jobs(Query.of().with("limit", 10_000)))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageStartingWith(
            "GET /jobs/ failed: 200 OK but the body is larger than the limit of 1KiB");
  }

  @Test
  void aBodyOfExactlyTheLimitIsRead() throws Exception {
    String body = balsam.http.get("/events/?limit=5", balsam.login()).body();
    long size = body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

    assertThat(client(size).events(Query.of().with("limit", 5)).results()).hasSize(5);
    assertThatThrownBy(() -> client(size - 1).events(Query.of().with("limit", 5)))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
  }

  @Test
  void theExporterKeepsServingCountsTheBadResponseAndRecoversOnTheNextPoll() throws Exception {
    ExporterConfig base = TestConfigs.pollingEvery(balsam.config(10_000), Duration.ofSeconds(1));
    ExporterConfig config =
        new ExporterConfig(
            base.balsam().withMaxResponseBytes(ONE_MIB),
            base.ingest(),
            base.metrics(),
            base.web(),
            false);
    try (LogCapture log = LogCapture.start();
        Exporter exporter = Exporter.start(config, balsam.clock)) {
      assertThat(exporter.awaitReady(Duration.ofSeconds(60))).isTrue();
      String before = metrics(exporter);
      double transitions = sum(before, "balsam_job_transitions_total");
      assertThat(transitions).isEqualTo(836);

      faults().endlessBody(1);
      await(
          "a poll ends bad_response",
          30,
          () ->
              value(metrics(exporter), "balsam_exporter_polls_total{result=\"bad_response\"}")
                  >= 1);
      await("the server sees the client hang up", 30, () -> faults().endlessBodiesEnded() > 0);
      assertThat(faults().endlessBodiesHungUpOn()).isEqualTo(1);
      double successes =
          value(metrics(exporter), "balsam_exporter_polls_total{result=\"success\"}");
      await(
          "the next poll succeeds",
          30,
          () ->
              value(metrics(exporter), "balsam_exporter_polls_total{result=\"success\"}")
                  > successes);

      String after = metrics(exporter);
      assertThat(value(after, "balsam_up")).isEqualTo(1);
      assertThat(value(after, "balsam_exporter_polls_total{result=\"bad_response\"}")).isEqualTo(1);
      assertThat(sum(after, "balsam_job_transitions_total")).isEqualTo(transitions);
      assertThat(Http.get(exporter.port(), "/-/ready").statusCode()).isEqualTo(200);
      assertThat(log.text()).contains("larger than the limit of 1MiB (--balsam.max-response-size)");
    }
  }

  private static String metrics(Exporter exporter) {
    return Http.text(Http.get(exporter.port(), "/metrics"));
  }

  /** The value of one series, given as it appears in the text format; 0 when absent. */
  private static double value(String page, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(page);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static double sum(String page, String family) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(family) + "\\{[^\\n]*\\} (\\S+)$").matcher(page);
    double total = 0;
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }
}

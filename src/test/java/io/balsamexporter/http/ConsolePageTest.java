package io.balsamexporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.Exporter;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.sim.store.SimData;
import io.balsamexporter.sim.workload.Profile;
import io.balsamexporter.sim.workload.WorkloadGenerator;
import io.balsamexporter.testing.Await;
import io.balsamexporter.testing.Chromium;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import io.balsamexporter.testing.TestConfigs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The console at {@code /} in headless Chromium, on an exporter that follows a live simulated
 * campaign: its cards show what the simulator's store holds, its gray line the allocations the
 * exporter saw run, and it shows the campaign as it moves.
 */
class ConsolePageTest {
  private static final Duration STEP = Duration.ofSeconds(1);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FIELDS =
      List.of(
          "running",
          "runnable",
          "finished_last_hour",
          "failed_last_hour",
          "nodes_held",
          "nodes_in_use");

  private static SimHarness balsam;
  private static WorkloadGenerator campaign;
  private static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    Chromium.require();
    balsam = SimHarness.empty();
    campaign = new WorkloadGenerator(balsam.store, balsam.writes, balsam.userId, 7, Profile.test());
    play(Duration.ofSeconds(90));
    exporter =
        Exporter.start(
            TestConfigs.pollingEvery(balsam.config(1000), Duration.ofSeconds(1)), balsam.clock);
    assertThat(exporter.awaitReady(Duration.ofSeconds(60))).isTrue();
  }

  @AfterAll
  static void stop() {
    if (exporter != null) {
      exporter.close();
    }
    if (balsam != null) {
      balsam.close();
    }
  }

  /** Plays the campaign forward, a second of simulated time at a time. */
  private static void play(Duration span) {
    for (long s = 0; s < span.toSeconds(); s++) {
      balsam.clock.advance(STEP);
      campaign.step(STEP);
    }
  }

  /**
   * The overview once the exporter has polled after the last change: the store stands still
   * meanwhile, so the first answer that equals it is the one every later poll gives.
   */
  private static JsonNode settledOverview() {
    AtomicReference<JsonNode> last = new AtomicReference<>();
    Await.until(
        () ->
            "the overview's cards equal the store's; they show "
                + cards(last.get())
                + ", the store has "
                + expectedCards(last.get()),
        Duration.ofSeconds(30),
        () -> {
          last.set(overview("hour"));
          return cards(last.get()).equals(expectedCards(last.get()));
        });
    return last.get();
  }

  private static JsonNode overview(String range) {
    try {
      return JSON.readTree(
          Http.get(exporter.port(), "/api/v1/overview?range=" + range + "&width=900").body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Map<String, Double>> cards(JsonNode overview) {
    Map<String, Map<String, Double>> cards = new LinkedHashMap<>();
    for (JsonNode site : overview.get("sites")) {
      Map<String, Double> card = new LinkedHashMap<>();
      FIELDS.forEach(f -> card.put(f, site.get(f).asDouble()));
      cards.put(site.get("site").asText(), card);
    }
    return cards;
  }

  /** The cards computed from the simulator's store, for the overview's last poll. */
  private static Map<String, Map<String, Double>> expectedCards(JsonNode overview) {
    Instant lastPoll = Instant.parse(overview.get("lines_as_of_poll").asText());
    Instant hourAgo = lastPoll.minus(Duration.ofHours(1));
    return balsam.store.read(
        d -> {
          Map<String, Map<String, Double>> cards = new LinkedHashMap<>();
          d.sites.values().stream()
              .sorted((a, b) -> a.name().compareTo(b.name()))
              .forEach(
                  site -> {
                    Map<String, Double> card = new LinkedHashMap<>();
                    FIELDS.forEach(f -> card.put(f, 0.0));
                    cards.put(site.name(), card);
                  });
          for (Job job : d.jobs.values()) {
            Map<String, Double> card = cards.get(siteOfJob(d, job.id()));
            switch (job.state()) {
              case JobStates.RUNNING -> {
                card.merge("running", 1.0, Double::sum);
                card.merge("nodes_in_use", job.nodeWeight(), Double::sum);
              }
              case JobStates.PREPROCESSED, JobStates.RESTART_READY ->
                  card.merge("runnable", 1.0, Double::sum);
              default -> {}
            }
          }
          for (BatchJob b : d.batchJobs.values()) {
            if (JobStates.BATCH_RUNNING.equals(b.state())) {
              cards
                  .get(d.sites.get(b.siteId()).name())
                  .merge("nodes_held", (double) b.numNodes(), Double::sum);
            }
          }
          for (Event e : d.events) {
            boolean inHour = !e.timestamp().isBefore(hourAgo) && !e.timestamp().isAfter(lastPoll);
            if (inHour && JobStates.JOB_FINISHED.equals(e.toState())) {
              cards.get(siteOfJob(d, e.jobId())).merge("finished_last_hour", 1.0, Double::sum);
            } else if (inHour && JobStates.FAILED.equals(e.toState())) {
              cards.get(siteOfJob(d, e.jobId())).merge("failed_last_hour", 1.0, Double::sum);
            }
          }
          return cards;
        });
  }

  private static String siteOfJob(SimData d, long jobId) {
    return d.sites.get(d.apps.get(d.jobs.get(jobId).appId()).siteId()).name();
  }

  /** The cards as the page shows them: to two decimals (node packing makes fractions). */
  private static Map<String, Map<String, Double>> rounded(Map<String, Map<String, Double>> cards) {
    Map<String, Map<String, Double>> out = new LinkedHashMap<>();
    cards.forEach(
        (site, card) -> {
          Map<String, Double> r = new LinkedHashMap<>();
          card.forEach((field, value) -> r.put(field, Math.round(value * 100) / 100.0));
          out.put(site, r);
        });
    return out;
  }

  /** The cards as the page shows them. */
  private static Map<String, Map<String, Double>> shownCards(String dom) {
    Map<String, Map<String, Double>> shown = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("<dd data-site=\"([^\"]*)\" data-field=\"([a-z_]+)\">([^<]*)</dd>")
            .matcher(dom);
    while (m.find()) {
      if (FIELDS.contains(m.group(2))) {
        shown
            .computeIfAbsent(m.group(1), k -> new LinkedHashMap<>())
            .put(m.group(2), Double.parseDouble(m.group(3)));
      }
    }
    return shown;
  }

  private static String page(String query) {
    return "http://127.0.0.1:" + exporter.port() + "/" + query;
  }

  @Test
  void theCardsShowTheSimulatorsCountsAndThePageUpdatesAsTheCampaignMoves() throws Exception {
    JsonNode before = settledOverview();
    Map<String, Map<String, Double>> expected = expectedCards(before);
    assertThat(cards(before)).isEqualTo(expected);
    assertThat(expected.values().stream().mapToDouble(c -> c.get("running")).sum()).isPositive();
    String dom = Chromium.dumpDom(page(""));
    assertThat(shownCards(dom)).isEqualTo(rounded(expected));
    assertThat(dom).contains("id=\"status\" class=\"\">Synced;");
    // The campaign had failures in the hour: the banner names them and links to the page.
    assertThat(expected.values().stream().mapToDouble(c -> c.get("failed_last_hour")).sum())
        .isPositive();
    assertThat(dom)
        .containsPattern(
            "<div id=\"failures\"><b>\\d+ run errors and failures in the last hour: </b>")
        .contains("<a href=\"failures\"> see all</a>");

    play(Duration.ofSeconds(60));
    JsonNode after = settledOverview();
    Map<String, Map<String, Double>> moved = expectedCards(after);
    assertThat(cards(after)).isEqualTo(moved);
    assertThat(moved).isNotEqualTo(expected);
    String later = Chromium.dumpDom(page(""));
    assertThat(shownCards(later)).isEqualTo(rounded(moved));
    // The page fetched its data more than once without reloading itself.
    Matcher refreshes = Pattern.compile("id=\"refreshes\">(\\d+)<").matcher(later);
    assertThat(refreshes.find()).isTrue();
    assertThat(Integer.parseInt(refreshes.group(1))).isGreaterThan(1);
  }

  @Test
  void theGrayLineFollowsTheAllocationsWhileTheyRun() throws Exception {
    play(Duration.ofSeconds(5));
    settledOverview();
    // The campaign's clock stands still while the exporter polls: an allocation first seen at the
    // last poll would end where it starts. A moment later it has held its nodes up to now.
    balsam.clock.advance(STEP);
    JsonNode overview = overview("hour");
    double held = 0;
    for (JsonNode site : overview.get("sites")) {
      held += site.get("nodes_held").asDouble();
    }
    JsonNode gray = overview.get("picture").get("available_nodes");
    assertThat(held).isPositive();
    assertThat(gray.get(gray.size() - 1).get(1).asDouble()).isEqualTo(held);
    // Balsam's own report has no point while its batch jobs run; the live one does.
    JsonNode balsams =
        JSON.readTree(Http.get(exporter.port(), "/api/v1/reports/available-nodes").body());
    JsonNode live =
        JSON.readTree(
            Http.get(exporter.port(), "/api/v1/reports/available-nodes?live=true").body());
    assertThat(live.get("points").size()).isGreaterThan(balsams.get("points").size());
    assertThat(live.get("filters").get("live").asBoolean()).isTrue();

    String dom = Chromium.dumpDom(page("?range=hour"));
    Matcher path = Pattern.compile("id=\"available-line\" d=\"([^\"]+)\"").matcher(dom);
    assertThat(path.find()).as("the gray line is drawn").isTrue();
    assertThat(dom).contains("nodes held now " + (long) held);
  }

  @Test
  void theConsoleIsPhotographedAtTwoWidths() throws Exception {
    settledOverview();
    Path dir = Files.createDirectories(Path.of("target", "console-screenshots"));
    for (int width : new int[] {1400, 1000}) {
      Path png = dir.resolve("console-" + width + ".png");
      Files.deleteIfExists(png);
      Chromium.screenshot(page("?range=hour"), png, width, 1400);
      assertThat(Files.size(png)).isGreaterThan(10_000);
    }
  }

  @Test
  void whileBalsamIsDownTheConsoleSaysSinceWhen() throws Exception {
    try (SimHarness down = SimHarness.withDevFixtures()) {
      down.simulator.faults().down();
      try (Exporter waiting = Exporter.start(down.config(1000), down.clock)) {
        assertThat(waiting.awaitFirstPoll(Duration.ofSeconds(30))).isTrue();
        JsonNode status =
            JSON.readTree(Http.get(waiting.port(), "/api/v1/overview").body()).get("status");
        assertThat(status.get("synced").asBoolean()).isFalse();
        assertThat(Instant.parse(status.get("unreachable_since").asText()))
            .isEqualTo(down.clock.instant());
        String dom = Chromium.dumpDom("http://127.0.0.1:" + waiting.port() + "/");
        assertThat(dom)
            .contains("id=\"status\" class=\"down\">Balsam is unreachable since ")
            .contains("<div id=\"cards\"></div>");
      }
    }
  }
}

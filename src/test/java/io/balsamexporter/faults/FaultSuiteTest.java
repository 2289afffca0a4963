package io.balsamexporter.faults;

import static io.balsamexporter.faults.FaultStack.await;
import static io.balsamexporter.faults.FaultStack.awaitPolls;
import static io.balsamexporter.faults.FaultStack.awaitReady;
import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Exporter;
import io.balsamexporter.sim.api.Faults;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.LogCapture;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 9's contract, fault by fault, on the whole exporter (its poll loop, metrics and HTTP
 * server) against the simulator over real HTTP: it stays up and keeps serving {@code /metrics} with
 * the last values; a failed poll shows as {@code balsam_up 0} and in {@code
 * balsam_exporter_polls_total{result}}; the outage is logged once when it starts and once when it
 * ends; it recovers by itself; and then every counter, gauge and histogram equals those of an
 * exporter that never saw the fault, and the simulator's own totals.
 */
class FaultSuiteTest {
  private static final String FAILED = Contract.FAILED;

  private final FaultStack stack = FaultStack.withDevFixtures();
  private final Faults faults = stack.faults;
  private final Changes changes = new Changes(stack.balsam);

  @AfterEach
  void stop() {
    stack.close();
  }

  /** A fault that makes polls fail until it is healed, and the result those polls end with. */
  record Outage(String name, String result, Consumer<Faults> inject, Consumer<Faults> heal) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Outage> outages() {
    return Stream.of(
        new Outage("Balsam down between polls", "unreachable", Faults::down, Faults::up),
        new Outage(
            "Balsam down in the middle of a poll",
            "unreachable",
            // Goes down right after serving a page: the poll has read part of its answers.
            f -> f.onceAfterPage("/jobs/", f::down),
            Faults::up),
        new Outage(
            "responses slower than the request timeout",
            "unreachable",
            f -> f.slow(FaultStack.REQUEST_TIMEOUT.multipliedBy(3).dividedBy(2)),
            f -> f.slow(Duration.ZERO)),
        new Outage(
            "500s with the connection closed, outlasting the retries",
            "server_error",
            f -> f.serverErrors(Integer.MAX_VALUE),
            f -> f.serverErrors(0)),
        new Outage(
            "malformed JSON",
            "bad_response",
            f -> f.malformedJson(Integer.MAX_VALUE),
            f -> f.malformedJson(0)),
        new Outage(
            "truncated JSON",
            "bad_response",
            f -> f.truncatedJson(Integer.MAX_VALUE),
            f -> f.truncatedJson(0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("outages")
  void anOutageAfterTheFirstSync(Outage outage) {
    Exporter exporter = stack.exporter(100, 1);
    awaitReady(exporter);
    Scrape before = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);
    assertThat(before.value("balsam_up")).isEqualTo(1.0);

    try (LogCapture log = LogCapture.start()) {
      outage.inject().accept(faults);
      Scrape during = awaitPolls(exporter, before, outage.result(), 1);
      // Balsam moves on meanwhile; none of it may show before the exporter reaches it again.
      changes.mixed(outage.name());
      during = awaitPolls(exporter, during, outage.result(), 1);

      assertThat(during.value("balsam_up")).isEqualTo(0.0);
      assertThat(Scrape.differences(during.domain(), before.domain())).isEmpty();
      assertThat(Http.get(exporter.port(), "/-/healthy").statusCode()).isEqualTo(200);

      outage.heal().accept(faults);
      Scrape after = awaitPolls(exporter, during, "success", 2);

      assertThat(after.value("balsam_up")).isEqualTo(1.0);
      assertRecoveredExactly(after);
      assertLoggedOnce(log.text(), outage.result());
    }
  }

  @Test
  void balsamDownAtStartUp() {
    faults.down();
    try (LogCapture log = LogCapture.start()) {
      Exporter exporter = stack.exporter(100, 1);
      Scrape during = awaitPolls(exporter, Scrape.of(exporter.port()), "unreachable", 2);

      assertNotReadyAndServingNothingOfBalsam(exporter, during);
      changes.mixed("start-up");
      faults.up();
      awaitReady(exporter);
      Scrape after = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);

      assertRecoveredExactly(after);
      assertLoggedOnce(log.text(), "unreachable");
      assertThat(log.text()).contains("msg=\"Balsam reachable again, first sync done, ready\"");
    }
  }

  @Test
  void balsamDownInTheMiddleOfTheFirstSync() {
    // Down after the second page of events: the sync has counted part of the history.
    faults.onceAfterPage("/events/", () -> {});
    faults.onceAfterPage("/events/", faults::down);
    try (LogCapture log = LogCapture.start()) {
      Exporter exporter = stack.exporter(100, 1);
      Scrape during = awaitPolls(exporter, Scrape.of(exporter.port()), "unreachable", 2);

      assertNotReadyAndServingNothingOfBalsam(exporter, during);
      changes.mixed("first-sync");
      faults.up();
      awaitReady(exporter);
      Scrape after = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);

      assertRecoveredExactly(after);
      assertLoggedOnce(log.text(), "unreachable");
    }
  }

  @Test
  void oneServerErrorWithItsConnectionClosedIsRetriedWithinThePoll() {
    Exporter exporter = stack.exporter(100, 1);
    awaitReady(exporter);
    Scrape before = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);

    try (LogCapture log = LogCapture.start()) {
      changes.mixed("retried");
      // The 500 closes its connection: the retry must open a new one, not reuse the dead one.
      faults.onceAfterPage("/jobs/", () -> faults.serverErrors(1));
      Scrape after = awaitPolls(exporter, before, "success", 3);

      assertThat(after.polls("server_error")).isEqualTo(before.polls("server_error"));
      assertThat(after.value("balsam_up")).isEqualTo(1.0);
      assertThat(sum(after, "balsam_exporter_api_retries_total"))
          .isEqualTo(sum(before, "balsam_exporter_api_retries_total") + 1);
      assertRecoveredExactly(after);
      assertThat(log.text()).doesNotContain(FAILED).doesNotContain("retrying");
    }
  }

  @Test
  void jobsAndEventsCreatedWhileTheFirstSyncPages() {
    // The counts of jobs and events grow between the pages of the first sync, twice.
    faults.onceAfterPage("/events/", () -> changes.mixed("first-page"));
    faults.onceAfterPage("/jobs/", () -> changes.mixed("jobs-page"));
    Exporter exporter = stack.exporter(50, 1);
    awaitReady(exporter);
    Scrape after = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 2);

    assertThat(after.polls("success")).isEqualTo(sumPolls(after));
    assertRecoveredExactly(after);
  }

  /**
   * A job the history names but the job listing lacked is fetched by id, and its {@code
   * last_update} is later than the listing's: the next poll must still list from the listing's
   * newest update, or it never reads the update of the job that moved on in between.
   */
  @Test
  void jobsUpdatedWhileALongFirstSyncReadsTheHistoryShowInTheGauges() {
    // A first sync at scale reads the history for minutes after it listed the jobs. Meanwhile a
    // job it listed moves on, and a job created later gets an event that the history names.
    faults.onceAfterPage(
        "/events/",
        () -> {
          stack.balsam.clock.advance(Duration.ofMinutes(1));
          changes.startRun(Instant.parse("2026-11-26T09:12:40Z"));
          stack.balsam.clock.advance(Duration.ofMinutes(1));
          changes.submit("faults/created-during-the-sync");
        });
    Exporter exporter = stack.exporter(50, 1);
    awaitReady(exporter);
    Scrape after = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 2);

    assertRecoveredExactly(after);
  }

  @Test
  void eventsInsertedAndJobsCreatedWhileAPollPages() {
    Exporter exporter = stack.exporter(50, 1);
    awaitReady(exporter);
    AtomicBoolean fired = new AtomicBoolean();
    // Work for the poll to page through, then more of it arriving in the middle of the poll.
    changes.mixed("before-paging");
    faults.onceAfterPage(
        "/jobs/",
        () -> {
          changes.mixed("while-paging");
          fired.set(true);
        });
    await("a poll read a page of jobs", fired::get);
    Scrape after = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 2);

    assertThat(after.polls("success")).isEqualTo(sumPolls(after));
    assertRecoveredExactly(after);
  }

  @Test
  void lateEventsInsideTheWindowAndMinutesHoursAndDaysBeyondItAreEachCountedOnce() {
    Exporter exporter = stack.exporter(100, 1);
    awaitReady(exporter);
    Scrape before = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);

    // The newest recorded event is at 09:12:01; the late window reaches 10 minutes before it.
    changes.startRun(Instant.parse("2026-11-26T09:11:00Z"));
    changes.startRun(Instant.parse("2026-11-26T08:55:00Z"));
    changes.startRun(Instant.parse("2026-11-26T05:00:00Z"));
    changes.startRun(Instant.parse("2026-11-20T12:00:00Z"));
    Scrape after = awaitPolls(exporter, before, "success", 2);

    assertThat(after.value("balsam_exporter_events_total{outcome=\"late\"}"))
        .isEqualTo(before.value("balsam_exporter_events_total{outcome=\"late\"}") + 4);
    assertThat(sum(after, "balsam_job_transitions_total"))
        .isEqualTo(sum(before, "balsam_job_transitions_total") + 4);
    assertRecoveredExactly(after);
  }

  @Test
  void jobsDeletedWithTheirEventsBetweenPolls() {
    Exporter twin = stack.twin();
    Exporter exporter = stack.exporter(100, 1);
    awaitReady(exporter);
    awaitPolls(exporter, Scrape.of(exporter.port()), "success", 1);

    Set<Long> deleted = changes.deleteFinished(2);
    changes.startRun(Instant.parse("2026-11-26T08:30:00Z"));
    Scrape after = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 2);

    assertThat(deleted).hasSizeGreaterThanOrEqualTo(2);
    assertKeptWhatWasCountedAndDroppedTheDeleted(after, twin);
  }

  @Test
  void jobsDeletedWithTheirEventsAndOthersCreatedWhileAPollPages() {
    Exporter twin = stack.twin();
    Exporter exporter = stack.exporter(50, 1);
    awaitReady(exporter);
    AtomicBoolean fired = new AtomicBoolean();
    changes.mixed("before-deleting");
    // The job count drops and rises between the pages of one poll: rows shift under the pager.
    faults.onceAfterPage(
        "/jobs/",
        () -> {
          changes.deleteFinished(3);
          changes.submit("faults/after-deleting");
          fired.set(true);
        });
    await("a poll read a page of jobs", fired::get);
    Scrape after = awaitPolls(exporter, Scrape.of(exporter.port()), "success", 2);

    assertKeptWhatWasCountedAndDroppedTheDeleted(after, twin);
  }

  /**
   * Counters keep the events of deleted jobs: they equal those of an exporter that polled all
   * along; the gauges drop the jobs: they equal those of one started now.
   */
  private void assertKeptWhatWasCountedAndDroppedTheDeleted(Scrape after, Exporter twin) {
    Scrape twinAfter = awaitPolls(twin, Scrape.of(twin.port()), "success", 2);
    Scrape fresh = stack.fresh();
    assertThat(Scrape.differences(after.counted(), twinAfter.counted())).isEmpty();
    assertThat(Scrape.differences(after.current(), fresh.current())).isEmpty();
    assertThat(sum(after, "balsam_jobs")).isEqualTo(changes.jobs());
    assertThat(sum(after, "balsam_job_transitions_total")).isGreaterThan(changes.events());
  }

  private void assertRecoveredExactly(Scrape after) {
    Contract.recoveredExactly(stack, changes, after);
  }

  private static void assertNotReadyAndServingNothingOfBalsam(Exporter exporter, Scrape during) {
    assertThat(Http.get(exporter.port(), "/-/healthy").statusCode()).isEqualTo(200);
    assertThat(Http.get(exporter.port(), "/-/ready").statusCode()).isEqualTo(503);
    assertThat(during.value("balsam_up")).isEqualTo(0.0);
    assertThat(during.domain()).isEmpty();
  }

  private static void assertLoggedOnce(String log, String kind) {
    Contract.loggedOnce(log, kind);
  }

  private static double sum(Scrape scrape, String name) {
    return scrape.sum(name);
  }

  private static double sumPolls(Scrape scrape) {
    return Contract.allPolls(scrape);
  }
}

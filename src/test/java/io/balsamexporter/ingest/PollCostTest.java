package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.bulk.BulkBuilder;
import io.balsamexporter.sim.cost.ServerCost;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a poll costs the Balsam server, in the simulator's model of the real server's costs
 * (balsam-api.md §11): the requests, the rows it visits (every event for any {@code /events/}
 * listing or count without {@code job_id}; every job for a {@code /jobs/} count by {@code
 * last_update}, twice for a listing, which is a count and a select), the rows it serialises and the
 * bytes it sends. Measured over real HTTP on campaigns of about 100,000 and 1,000,000 events.
 */
class PollCostTest {
  private static final int PAGE_SIZE = 100_000;
  private static final Duration POLL_INTERVAL = Duration.ofSeconds(15);

  private SimHarness balsam;
  private BalsamApi api;
  private ExporterMetrics metrics;
  private long events;

  private Poller start(int jobCount) throws BalsamException {
    balsam =
        SimHarness.prepared((store, user) -> new BulkBuilder(store, user, jobCount, 7).build());
    api = balsam.client(PAGE_SIZE, (endpoint, code) -> {});
    events = eventsOnServer();
    metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    return new Poller(
            api,
            new IngestSettings(PAGE_SIZE, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock)
        .subscribe(metrics.domain());
  }

  private long eventsOnServer() throws BalsamException {
    return api.events(Query.of().with("limit", 0)).count();
  }

  private double transitions() {
    return new Samples(metrics.scrape()).sum("balsam_job_transitions");
  }

  private ServerCost poll(Poller poller) {
    balsam.clock.advance(POLL_INTERVAL);
    balsam.simulator.resetServerCost();
    assertThat(poller.pollOnce().ok()).isTrue();
    return balsam.simulator.serverCost();
  }

  /** What an idle poll must read whatever the history: the sites and the unfinished batch jobs. */
  private long liveRows() throws BalsamException {
    long sites = api.sites(Query.of().with("limit", 0)).count();
    List<BatchJob> batchJobs = api.batchJobs(Query.of().with("limit", PAGE_SIZE)).results();
    return sites
        + batchJobs.stream()
            .filter(b -> !InventorySync.FINAL_BATCH_STATES.contains(b.state()))
            .count();
  }

  @ParameterizedTest(name = "{0} jobs")
  @ValueSource(ints = {10_000, 100_000})
  void idlePollsReadWhatIsLiveAndNoEventAndALateEventCostsOneIndexedRequest(int jobCount)
      throws BalsamException {
    Poller poller = start(jobCount);
    try {
      PollResult sync = poller.pollOnce();
      assertThat(sync.failure()).isEmpty();
      assertThat(transitions()).isEqualTo(events);
      // The first poll re-reads the jobs changed in the last seconds before the sync listed them
      // (rows committed out of order); once the server's clock has moved on, none is read again.
      balsam.clock.advance(Duration.ofMinutes(1));
      assertThat(poll(poller).requests()).isEqualTo(4);
      long live = liveRows();

      for (int i = 0; i < 3; i++) {
        ServerCost idle = poll(poller);
        // Sites, unfinished batch jobs, the batch job count, the count of changed jobs (0).
        assertThat(idle.requests()).isEqualTo(4);
        assertThat(idle.rowsSerialised()).isEqualTo(live);
        assertThat(idle.bytesSent()).isLessThan(2_000 * (live + 1));
        // Only that count visits the jobs, each once; nothing visits the events.
        assertThat(idle.jobsVisited()).isEqualTo(jobCount);
        assertThat(idle.eventsVisited()).isZero();
      }

      // A site reports a state change it stamped three hours ago.
      Job job = api.jobs(Query.of().with("limit", 1).with("offset", jobCount / 2)).results().get(0);
      balsam.writes.updateJobs(
          List.of(
              JobUpdate.state(
                  job.id(),
                  "RESTART_READY",
                  balsam.clock.instant().minus(Duration.ofHours(3)),
                  Map.of())));
      ServerCost late = poll(poller);
      // Two more requests: the listing of the changed jobs, as their count is not 0, and the
      // events of the one changed job, by job_id from an index.
      assertThat(late.requests()).isEqualTo(6);
      assertThat(late.jobsVisited()).isEqualTo(3L * jobCount);
      assertThat(late.eventsVisited()).isLessThan(100);
      assertThat(transitions()).isEqualTo(events + 1).isEqualTo(eventsOnServer());

      // The next poll lists the jobs changed in the overlap again, without counting them first.
      ServerCost after = poll(poller);
      assertThat(after.requests()).isEqualTo(4);
      assertThat(after.jobsVisited()).isEqualTo(2L * jobCount);
      assertThat(transitions()).isEqualTo(eventsOnServer());
    } finally {
      balsam.close();
    }
  }

  @ParameterizedTest(name = "{0} jobs")
  @ValueSource(ints = {10_000})
  void theCountCheckVisitsTheEventsOnceAnHourAndTheJobsAreCountedEveryFiveMinutes(int jobCount)
      throws BalsamException {
    Poller poller = start(jobCount);
    try {
      assertThat(poller.pollOnce().ok()).isTrue();
      // Past the overlaps, so that the last jobs the campaign changed are not listed again.
      balsam.clock.advance(Duration.ofMinutes(1));
      assertThat(poller.pollOnce().ok()).isTrue();
      long pollsPerHour = IngestSettings.DEFAULT_CHECK_INTERVAL.dividedBy(POLL_INTERVAL);
      long eventVisits = 0;
      long checks = 0;
      long jobCounts = 0;
      for (long i = 0; i < pollsPerHour; i++) {
        ServerCost cost = poll(poller);
        long visitsOfEvents = cost.eventsVisited();
        if (visitsOfEvents > jobCount) {
          checks++;
          eventVisits += visitsOfEvents;
        }
        // Each poll counts the changed jobs; every five minutes it counts all of them too.
        assertThat(cost.jobsVisited()).isIn((long) jobCount, 2L * jobCount);
        if (cost.jobsVisited() == 2L * jobCount) {
          jobCounts++;
        }
      }
      assertThat(checks).isEqualTo(1);
      assertThat(jobCounts)
          .isEqualTo(
              IngestSettings.DEFAULT_CHECK_INTERVAL.dividedBy(
                  IngestSettings.DEFAULT_JOBS_CHECK_INTERVAL));
      // One count over every event, with nothing to recover.
      assertThat(eventVisits).isBetween(events, events + 1_000);
      assertThat(transitions()).isEqualTo(eventsOnServer());
    } finally {
      balsam.close();
    }
  }
}

package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.PollResult;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An exporter's poller feeding a journal, and the same reports computed from raw listings. */
final class JournalFixture {
  final Poller poller;
  final EventJournal journal;
  private final BalsamApi api;

  private JournalFixture(SimHarness balsam, int pageSize) {
    api = balsam.client(pageSize, RequestObserver.NONE);
    poller =
        new Poller(
            api,
            new IngestSettings(pageSize, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock);
    journal = new EventJournal(poller::synced);
    poller.subscribe(journal);
  }

  /** A fresh exporter: a new poller and an empty journal. */
  static JournalFixture start(SimHarness balsam, int pageSize) {
    return new JournalFixture(balsam, pageSize);
  }

  JournalFixture poll() {
    PollResult result = poller.pollOnce();
    assertThat(result.failure()).isEmpty();
    return this;
  }

  Report fromJournal(ReportRequest request) {
    try {
      return journal.run(request);
    } catch (ReportException | ReportSource.NotReadyException e) {
      throw new AssertionError(e);
    }
  }

  /** The report from everything the API lists now, read whole, with no journal involved. */
  Report fromRawListings(ReportRequest request) {
    try {
      List<Site> sites = api.sites(Query.of()).results();
      List<App> apps = api.apps(Query.of()).results();
      List<BatchJob> batchJobs = api.batchJobs(Query.of()).results();
      List<Event> events = api.events(Query.of().with("ordering", "timestamp")).results();
      Map<Long, Job> jobs = new HashMap<>();
      api.jobs(Query.of()).results().forEach(j -> jobs.put(j.id(), j));
      JobCriteria criteria = JobCriteria.resolve(request.filter(), sites, apps, batchJobs);
      EventTable table =
          EventTable.of(
              events,
              id -> {
                Job job = jobs.get(id);
                return job != null
                    && criteria.matches(
                        id,
                        job.appId(),
                        job.tags(),
                        job.batchJobId() == null ? 0 : job.batchJobId());
              },
              request.filter().since(),
              request.filter().until());
      return Report.of(request, table, criteria.batchJobs(batchJobs));
    } catch (BalsamException | ReportException e) {
      throw new AssertionError(e);
    }
  }

  static void assertSame(Report actual, Report expected) {
    assertThat(actual.series().micros()).containsExactly(expected.series().micros());
    assertThat(actual.series().values()).containsExactly(expected.series().values());
    assertThat(actual.availableNodes().values())
        .containsExactly(expected.availableNodes().values());
  }
}

package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A first sync lists the jobs while it reads the history. That opens one race the sequential order
 * did not have: an event inserted behind the history's reading, for a job the listing then reads
 * already changed, would look to the polls like a job with nothing new. The sync closes it by
 * reading once more the events of the jobs changed since the history began.
 */
class ConcurrentFirstSyncTest {
  private static final int EVENTS_IN_FIXTURE = 836;

  private final SimHarness balsam = SimHarness.withDevFixtures();
  private final ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);

  @AfterEach
  void stop() {
    balsam.close();
  }

  @Test
  void anEventInsertedBehindTheHistoryWhileTheJobsAreListedIsCountedOnceByTheSync() {
    long job = firstJobIn("PREPROCESSED");
    CountDownLatch historyAnswered = new CountDownLatch(1);
    AtomicBoolean listingWaitedOut = new AtomicBoolean();
    BalsamApi api =
        new Intercepting(balsam.client(10_000, RequestObserver.NONE)) {
          @Override
          public Page<Event> events(Query query) throws BalsamException {
            Page<Event> page = super.events(query);
            if (historyAnswered.getCount() > 0 && isListing(query)) {
              // The whole history is one page, read before this run began: the site's report
              // lands behind it, stamped early in the history, and moves the job's last_update.
              balsam.clock.advance(Duration.ofSeconds(1));
              balsam.writes.updateJobs(
                  List.of(
                      JobUpdate.state(
                          job,
                          "RUNNING",
                          Instant.parse("2026-11-26T09:06:40Z"),
                          Map.of("num_nodes", 1.0))));
              historyAnswered.countDown();
            }
            return page;
          }

          @Override
          public Page<Job> jobs(Query query) throws BalsamException {
            if (isListing(query)) {
              // The listing reads the job only once the history's page has been answered; were
              // the two read one after the other, this would wait out its bound.
              if (!awaitQuietly(historyAnswered)) {
                listingWaitedOut.set(true);
              }
            }
            return super.jobs(query);
          }
        };
    Poller poller = poller(api);

    assertThat(poller.pollOnce().ok()).isTrue();
    assertThat(listingWaitedOut).as("the history was read while the jobs were listed").isFalse();
    Samples synced = scrape();
    assertThat(synced.sum("balsam_job_transitions")).isEqualTo(EVENTS_IN_FIXTURE + 1);
    assertThat(synced.sum("balsam_exporter_events", Map.of("outcome", "late"))).isEqualTo(1);

    balsam.clock.advance(Duration.ofSeconds(15));
    assertThat(poller.pollOnce().ok()).isTrue();
    assertThat(scrape().sum("balsam_job_transitions")).isEqualTo(EVENTS_IN_FIXTURE + 1);
  }

  @Test
  void theTwoListingsTogetherKeepAtMostThreeRequestsInFlight() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger mostInFlight = new AtomicInteger();
    BalsamApi api =
        new Intercepting(balsam.client(50, RequestObserver.NONE)) {
          @Override
          <T> Page<T> around(Call<T> call) throws BalsamException {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
              // Long enough for the other listing's request to be sent meanwhile.
              sleepQuietly(Duration.ofMillis(5));
              return call.call();
            } finally {
              inFlight.decrementAndGet();
            }
          }
        };

    assertThat(poller(api, 50).pollOnce().ok()).isTrue();

    // Two pages of the history (the next, and the one after it read ahead) and one of jobs.
    assertThat(mostInFlight.get()).isEqualTo(3);
    assertThat(scrape().sum("balsam_job_transitions")).isEqualTo(EVENTS_IN_FIXTURE);
  }

  @Test
  void aListingThatFailsFailsTheSyncAndLeavesNoThreadBehind() {
    AtomicInteger jobPages = new AtomicInteger();
    BalsamApi api =
        new Intercepting(balsam.client(50, RequestObserver.NONE)) {
          @Override
          public Page<Job> jobs(Query query) throws BalsamException {
            if (isListing(query) && jobPages.incrementAndGet() == 2) {
              throw new BalsamException(BalsamException.Kind.SERVER_ERROR, 503, "unavailable");
            }
            return super.jobs(query);
          }
        };
    Poller poller = poller(api, 50);

    PollResult failed = poller.pollOnce();
    assertThat(failed.ok()).isFalse();
    assertThat(poller.synced()).isFalse();
    assertThat(scrape().has("balsam_job_transitions"))
        .as("nothing exported before a sync")
        .isFalse();
    assertThat(liveThreads("balsam-job-listing")).isZero();

    assertThat(poller.pollOnce().ok()).isTrue();
    assertThat(scrape().sum("balsam_job_transitions")).isEqualTo(EVENTS_IN_FIXTURE);
  }

  @Test
  void aHistoryThatFailsAbandonsTheListingInFlight() {
    CountDownLatch listingStarted = new CountDownLatch(1);
    BalsamApi api =
        new Intercepting(balsam.client(50, RequestObserver.NONE)) {
          @Override
          public Page<Event> events(Query query) throws BalsamException {
            if (isListing(query)) {
              awaitQuietly(listingStarted);
              throw new BalsamException(BalsamException.Kind.SERVER_ERROR, 503, "unavailable");
            }
            return super.events(query);
          }

          @Override
          public Page<Job> jobs(Query query) throws BalsamException {
            listingStarted.countDown();
            // A slow listing, so that it is still in flight when the history fails.
            sleepQuietly(Duration.ofMillis(200));
            return super.jobs(query);
          }
        };

    PollResult failed = poller(api, 50).pollOnce();

    assertThat(failed.ok()).isFalse();
    assertThat(liveThreads("balsam-job-listing")).isZero();
    assertThat(scrape().has("balsam_job_transitions"))
        .as("nothing exported before a sync")
        .isFalse();
  }

  private Poller poller(BalsamApi api) {
    return poller(api, 10_000);
  }

  private Poller poller(BalsamApi api, int pageSize) {
    return new Poller(
            api,
            new IngestSettings(pageSize, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock)
        .subscribe(metrics.domain());
  }

  private Samples scrape() {
    return new Samples(metrics.scrape());
  }

  /** A listing walked in time order, as the first sync walks jobs and events. */
  private static boolean isListing(Query query) {
    return query.encode().contains("ordering=");
  }

  private static long liveThreads(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name) && t.isAlive())
        .count();
  }

  /** Whether {@code latch} opened within ten seconds. */
  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static long firstJobIn(String state) {
    return DevFixture.results("jobs.json").stream()
        .filter(j -> j.get("state").asText().equals(state))
        .findFirst()
        .orElseThrow()
        .get("id")
        .asLong();
  }

  /** The real client, with a hook around every request for the test to act in. */
  private static class Intercepting implements BalsamApi {
    private final BalsamApi real;

    Intercepting(BalsamApi real) {
      this.real = real;
    }

    @FunctionalInterface
    interface Call<T> {
      Page<T> call() throws BalsamException;
    }

    <T> Page<T> around(Call<T> call) throws BalsamException {
      return call.call();
    }

    @Override
    public Page<Site> sites(Query query) throws BalsamException {
      return around(() -> real.sites(query));
    }

    @Override
    public Page<App> apps(Query query) throws BalsamException {
      return around(() -> real.apps(query));
    }

    @Override
    public Page<Job> jobs(Query query) throws BalsamException {
      return around(() -> real.jobs(query));
    }

    @Override
    public Page<BatchJob> batchJobs(Query query) throws BalsamException {
      return around(() -> real.batchJobs(query));
    }

    @Override
    public Page<Event> events(Query query) throws BalsamException {
      return around(() -> real.events(query));
    }
  }
}

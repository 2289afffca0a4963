package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a poll costs the Balsam server. */
class PollCostTest {

  /** Counts requests per endpoint, as the exporter's own metric does. */
  private static final class Requests implements RequestObserver {
    final Map<String, AtomicInteger> byEndpoint = new ConcurrentHashMap<>();

    @Override
    public void requestDone(String endpoint, String code) {
      byEndpoint.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
    }

    int total() {
      return byEndpoint.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void reset() {
      byEndpoint.clear();
    }
  }

  private static int idlePollRequests(SimHarness balsam, int pageSize) {
    Requests requests = new Requests();
    Poller poller =
        new Poller(
            balsam.client(pageSize, requests),
            new IngestSettings(pageSize, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock,
            new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50).domain());
    assertThat(poller.pollOnce().ok()).isTrue();
    // Time passes with nothing new: the re-read window no longer holds the history.
    balsam.clock.advance(Duration.ofHours(1));
    requests.reset();
    assertThat(poller.pollOnce().ok()).isTrue();
    return requests.total();
  }

  @Test
  void anIdlePollMakesSevenRequestsWhateverTheNumberOfJobs() {
    int small;
    try (SimHarness balsam = SimHarness.withDevFixtures()) {
      small = idlePollRequests(balsam, 10_000);
    }
    int large;
    try (SimHarness balsam = SimHarness.withDevFixtures()) {
      List<NewJob> jobs = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        jobs.add(NewJob.of("bulk/job_" + i, 1, Map.of("experiment", "bulk")));
      }
      balsam.writes.createJobs(jobs);
      large = idlePollRequests(balsam, 10_000);
    }
    assertThat(small).isEqualTo(7);
    assertThat(large).isEqualTo(small);
  }
}

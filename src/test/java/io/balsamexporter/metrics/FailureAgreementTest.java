package io.balsamexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.balsamexporter.analytics.EventJournal;
import io.balsamexporter.analytics.FailureLog;
import io.balsamexporter.analytics.FailureQuery;
import io.balsamexporter.analytics.FailureReport;
import io.balsamexporter.analytics.FailureSource;
import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.sim.bulk.BulkBuilder;
import io.balsamexporter.sim.store.SimData;
import io.balsamexporter.sim.workload.Profile;
import io.balsamexporter.sim.workload.WorkloadGenerator;
import io.balsamexporter.testing.Samples;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The failure families, the failure groups and the stuck ages agree with answers computed here,
 * independently, from the simulator's own store: its events, jobs, apps and sites.
 */
class FailureAgreementTest {
  private static final Set<String> FINAL = Set.of("JOB_FINISHED", "FAILED");

  private SimHarness balsam;

  @AfterEach
  void stop() {
    balsam.close();
  }

  private record Exporter(Poller poller, ExporterMetrics metrics, FailureSource failures) {
    Samples poll() {
      assertThat(poller.pollOnce().failure()).isEmpty();
      return new Samples(metrics.scrape());
    }

    FailureReport failures(FailureQuery query) throws Exception {
      return failures.failures(query);
    }
  }

  private Exporter start() {
    ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
    Poller poller =
        new Poller(
            balsam.client(5_000, RequestObserver.NONE),
            new IngestSettings(5_000, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock);
    EventJournal journal = new EventJournal(poller::synced);
    FailureLog log = new FailureLog(poller::synced);
    poller.subscribe(metrics.domain()).subscribe(journal).subscribe(log);
    return new Exporter(poller, metrics, FailureSource.of(log, journal));
  }

  @Test
  void aBulkCampaignsFailuresMatchTheStoreByExitCodeCauseAndGroup() throws Exception {
    balsam = SimHarness.empty();
    new BulkBuilder(balsam.store, balsam.userId, 4_000, 21).build();
    Exporter exporter = start();
    Samples samples = exporter.poll();

    assertAgree(exporter, samples);
    // The campaign shows what a real site writes: these codes, and FAILED after RUN_ERROR.
    assertThat(samples.sumBy("balsam_job_run_errors", "returncode", Map.of()).keySet())
        .contains("1", "2", "3", "-9", "9", "137", "139");
    assertThat(samples.sumBy("balsam_job_failures", "cause", Map.of()).keySet())
        .contains("run_error", "preprocess_hook", "postprocess_hook");
  }

  @Test
  void aPlayedCampaignsFailuresAndStuckAgesMatchTheStoreAtEveryPoll() throws Exception {
    balsam = SimHarness.empty();
    WorkloadGenerator campaign =
        new WorkloadGenerator(balsam.store, balsam.writes, balsam.userId, 11, Profile.test());
    Exporter exporter = start();
    exporter.poll();
    Duration step = Duration.ofSeconds(60);
    for (int i = 0; i < 30; i++) {
      balsam.clock.advance(step);
      campaign.step(step);
      Samples samples = exporter.poll();
      assertAgree(exporter, samples);
    }
    // Long enough for the hour threshold to count some jobs, without a poll changing anything.
    balsam.clock.advance(Duration.ofMinutes(70));
    Samples late = exporter.poll();
    assertAgree(exporter, late);
    assertThat(late.sum("balsam_jobs_in_state_longer_than_1h")).isPositive();
    assertThat(late.sum("balsam_job_failures", Map.of("cause", "launcher_exception"))).isPositive();
  }

  private void assertAgree(Exporter exporter, Samples samples) throws Exception {
    Instant now = balsam.clock.instant();
    Expected expected = balsam.store.read(d -> expected(d, now));
    assertThat(nonZero(samples.series("balsam_job_run_errors"))).isEqualTo(expected.runErrors());
    assertThat(nonZero(samples.series("balsam_job_failures"))).isEqualTo(expected.failures());
    Map<Map<String, String>, Double> oldest =
        samples.series("balsam_jobs_oldest_state_entry_timestamp_seconds");
    assertThat(oldest.keySet()).isEqualTo(expected.oldest().keySet());
    expected
        .oldest()
        .forEach((k, v) -> assertThat(oldest.get(k)).as(k.toString()).isCloseTo(v, within(1e-3)));
    assertThat(nonZero(samples.series("balsam_jobs_in_state_longer_than_1h")))
        .isEqualTo(expected.longInState());

    FailureReport all = exporter.failures(query(Optional.empty(), null, null));
    assertThat(all.total()).isEqualTo(expected.failureEvents().size());
    assertThat(all.groups().stream().mapToLong(FailureReport.GroupView::count).sum())
        .isEqualTo(all.total());
    Map<String, Long> perSite = new HashMap<>();
    expected.failureEvents().forEach(f -> perSite.merge(f.site(), 1L, Long::sum));
    for (Map.Entry<String, Long> site : perSite.entrySet()) {
      FailureReport one = exporter.failures(query(Optional.of(site.getKey()), null, null));
      assertThat(one.total()).as(site.getKey()).isEqualTo(site.getValue());
      assertThat(one.groups()).allMatch(g -> g.sites().equals(List.of(site.getKey())));
    }
    if (!expected.failureEvents().isEmpty()) {
      List<Instant> times =
          expected.failureEvents().stream().map(FailureEvent::at).sorted().toList();
      Instant since = times.get(times.size() / 3);
      Instant until = times.get(2 * times.size() / 3);
      long inRange = times.stream().filter(t -> !t.isBefore(since) && !t.isAfter(until)).count();
      assertThat(exporter.failures(query(Optional.empty(), since, until)).total())
          .isEqualTo(inRange);
    }
  }

  private static FailureQuery query(Optional<String> site, Instant since, Instant until) {
    return new FailureQuery(
        site, List.of(), Map.of(), Optional.ofNullable(since), Optional.ofNullable(until));
  }

  private static Map<Map<String, String>, Double> nonZero(Map<Map<String, String>, Double> all) {
    Map<Map<String, String>, Double> kept = new HashMap<>();
    all.forEach(
        (k, v) -> {
          if (v != 0) {
            kept.put(k, v);
          }
        });
    return kept;
  }

  private record FailureEvent(String site, Instant at) {}

  private record Expected(
      Map<Map<String, String>, Double> runErrors,
      Map<Map<String, String>, Double> failures,
      Map<Map<String, String>, Double> oldest,
      Map<Map<String, String>, Double> longInState,
      List<FailureEvent> failureEvents) {}

  /** The answers, from the store alone, with the rules written out again here. */
  private static Expected expected(SimData d, Instant now) {
    Map<Map<String, String>, Double> runErrors = new HashMap<>();
    Map<Map<String, String>, Double> failures = new HashMap<>();
    List<FailureEvent> failureEvents = new java.util.ArrayList<>();
    Map<Long, Event> newestIntoState = new HashMap<>();
    Comparator<Event> order = Comparator.comparing(Event::timestamp).thenComparingLong(Event::id);
    for (Event e : d.events) {
      Job job = d.jobs.get(e.jobId());
      App app = job == null ? null : d.apps.get(job.appId());
      String site = app == null ? "__unknown__" : d.sites.get(app.siteId()).name();
      String appName = app == null ? "__unknown__" : app.name();
      if (e.toState().equals("RUN_ERROR")) {
        Object code = e.data().get("returncode");
        String label = code instanceof Integer i && i >= -64 && i <= 255 ? i.toString() : "?";
        runErrors.merge(
            Map.of("site", site, "app", appName, "returncode", label), 1.0, Double::sum);
        failureEvents.add(new FailureEvent(site, e.timestamp()));
      } else if (e.toState().equals("FAILED")) {
        String message = String.valueOf(e.data().getOrDefault("message", ""));
        String cause =
            message.contains(".preprocess>")
                ? "preprocess_hook"
                : message.contains(".postprocess>")
                    ? "postprocess_hook"
                    : message.contains("while launching")
                        ? "launcher_exception"
                        : e.fromState().equals("RUN_ERROR")
                            ? "run_error"
                            : e.fromState().equals("RUN_TIMEOUT") ? "run_timeout" : "none";
        failures.merge(Map.of("site", site, "app", appName, "cause", cause), 1.0, Double::sum);
        failureEvents.add(new FailureEvent(site, e.timestamp()));
      }
      if (job != null && e.toState().equals(job.state())) {
        newestIntoState.merge(e.jobId(), e, (a, b) -> order.compare(a, b) >= 0 ? a : b);
      }
    }
    Map<Map<String, String>, Double> oldest = new HashMap<>();
    Map<Map<String, String>, Double> longer = new HashMap<>();
    newestIntoState.forEach(
        (jobId, e) -> {
          Job job = d.jobs.get(jobId);
          if (FINAL.contains(job.state())) {
            return;
          }
          App app = d.apps.get(job.appId());
          Map<String, String> key =
              Map.of("site", d.sites.get(app.siteId()).name(), "state", job.state());
          double seconds = e.timestamp().toEpochMilli() / 1000.0;
          oldest.merge(key, seconds, Math::min);
          if (e.timestamp().isBefore(now.minus(Duration.ofHours(1)))) {
            longer.merge(key, 1.0, Double::sum);
          }
        });
    return new Expected(runErrors, failures, oldest, longer, failureEvents);
  }
}

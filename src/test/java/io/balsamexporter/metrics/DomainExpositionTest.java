package io.balsamexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.testing.LogCapture;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The domain families as text, from updates built by hand: what each family shows for a given
 * snapshot, without HTTP or a simulator.
 */
class DomainExpositionTest {
  private static final Instant T = Instant.parse("2026-11-26T09:00:00Z");

  private final HealthMetrics health =
      new HealthMetrics(
          new io.prometheus.metrics.model.registry.PrometheusRegistry(),
          new BuildInfo("test", "test"),
          List.of());
  private final DomainMetrics domain =
      new DomainMetrics(
          new ReentrantLock(), new TagLabels(List.of(), 50), new LabelValues(256), health);

  private static Site site(long id, String name) {
    return new Site(
        name,
        "/projects/" + name,
        null,
        Map.of("debug", List.of(new Site.BackfillWindow(4, 30), new Site.BackfillWindow(2, 60))),
        Map.of("101", new Site.QueuedJob(101, "queued", "prod", 8, 60, "proj", 0, 5)),
        null,
        null,
        null,
        null,
        id,
        T,
        T);
  }

  private static App app(long id, long siteId) {
    return new App(siteId, "App" + id, "demo.App" + id, "", "", null, null, id);
  }

  private static BatchJob batchJob(long id, String state, int nodes) {
    return new BatchJob(
        nodes, 60, "mpi", null, null, List.of(), id, 1, id + 1000, "proj", "prod", state, null,
        null, null);
  }

  private static PollUpdate update(
      List<PollUpdate.CountedEvent> events,
      Map<PollUpdate.JobGroup, Integer> perState,
      List<BatchJob> batchJobs) {
    Inventory catalog = Inventory.of(List.of(site(1, "theta")), List.of(app(7, 1)), batchJobs);
    return new PollUpdate(
        List.of(),
        events,
        List.of(),
        List.of(),
        0,
        Optional.of(
            new PollUpdate.ClusterState(
                catalog,
                perState,
                Map.of(new PollUpdate.NodeGroup("theta", List.of()), 2.5),
                Optional.of(T))));
  }

  private static PollUpdate.CountedEvent event(long id, String from, String to) {
    return new PollUpdate.CountedEvent(
        new Event(id, 1, T, from, to, Map.of()), "theta", List.of(), false);
  }

  private String family(String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrometheusTextFormatWriter.create().write(out, domain.collect());
    return out.toString(StandardCharsets.UTF_8)
        .lines()
        .filter(l -> !l.startsWith("#") && (l.startsWith(name + "{") || l.startsWith(name + " ")))
        .collect(Collectors.joining("\n"));
  }

  @Test
  void nothingIsExportedBeforeTheFirstWholeSnapshot() {
    domain.apply(
        new PollUpdate(
            List.of(),
            List.of(event(1, "CREATED", "READY")),
            List.of(),
            List.of(),
            0,
            Optional.empty()));

    assertThat(domain.collect().size()).isZero();
  }

  @Test
  void jobsShowEveryStateOfEverySiteAndAnUnknownStateUnderOneValue() throws IOException {
    domain.apply(
        update(
            List.of(),
            Map.of(
                new PollUpdate.JobGroup("theta", "RUNNING", List.of()), 3,
                new PollUpdate.JobGroup("theta", "ARCHIVED", List.of()), 2,
                new PollUpdate.JobGroup("theta", "FROZEN", List.of()), 1),
            List.of()));

    assertThat(family("balsam_jobs"))
        .isEqualTo(
            """
            balsam_jobs{site="theta",state="AWAITING_PARENTS"} 0.0
            balsam_jobs{site="theta",state="CREATED"} 0.0
            balsam_jobs{site="theta",state="FAILED"} 0.0
            balsam_jobs{site="theta",state="JOB_FINISHED"} 0.0
            balsam_jobs{site="theta",state="POSTPROCESSED"} 0.0
            balsam_jobs{site="theta",state="PREPROCESSED"} 0.0
            balsam_jobs{site="theta",state="READY"} 0.0
            balsam_jobs{site="theta",state="RESTART_READY"} 0.0
            balsam_jobs{site="theta",state="RUNNING"} 3.0
            balsam_jobs{site="theta",state="RUN_DONE"} 0.0
            balsam_jobs{site="theta",state="RUN_ERROR"} 0.0
            balsam_jobs{site="theta",state="RUN_TIMEOUT"} 0.0
            balsam_jobs{site="theta",state="STAGED_IN"} 0.0
            balsam_jobs{site="theta",state="STAGED_OUT"} 0.0
            balsam_jobs{site="theta",state="__unknown__"} 3.0""");
    assertThat(family("balsam_running_job_nodes"))
        .isEqualTo("balsam_running_job_nodes{site=\"theta\"} 2.5");
  }

  @Test
  void eachUnknownValueIsLoggedOnce() {
    String logged;
    try (LogCapture log = LogCapture.start()) {
      for (int poll = 0; poll < 3; poll++) {
        domain.apply(
            update(
                List.of(event(10 + poll, "RUNNING", "PAUSED")),
                Map.of(new PollUpdate.JobGroup("theta", "PAUSED", List.of()), 1),
                List.of(batchJob(5, "held", 4))));
      }
      logged = log.text();
    }

    assertThat(logged.lines().filter(l -> l.matches(".*value=\"?PAUSED\"?( .*)?"))).hasSize(1);
    assertThat(logged.lines().filter(l -> l.matches(".*value=\"?held\"?( .*)?"))).hasSize(1);
  }

  @Test
  void transitionsToAnUnknownStateAreCountedUnderOneValue() throws IOException {
    domain.apply(
        update(
            List.of(
                event(1, "RUNNING", "PAUSED"),
                event(2, "RUNNING", "SUSPENDED"),
                event(3, "RUNNING", "RUN_DONE")),
            Map.of(),
            List.of()));

    assertThat(family("balsam_job_transitions_total"))
        .contains(
            "balsam_job_transitions_total{from_state=\"RUNNING\",site=\"theta\",to_state=\"__unknown__\"} 2")
        .contains(
            "balsam_job_transitions_total{from_state=\"RUNNING\",site=\"theta\",to_state=\"RUN_DONE\"} 1")
        .doesNotContain("PAUSED")
        .doesNotContain("SUSPENDED");
  }

  @Test
  void batchJobsShowEveryStateOfEachQueueAndAnUnknownStateUnderOneValue() throws IOException {
    domain.apply(
        update(
            List.of(),
            Map.of(),
            List.of(batchJob(1, "running", 8), batchJob(2, "held", 4), batchJob(3, "running", 2))));

    assertThat(family("balsam_batch_jobs"))
        .isEqualTo(
            """
            balsam_batch_jobs{project="proj",queue="prod",site="theta",state="__unknown__"} 1.0
            balsam_batch_jobs{project="proj",queue="prod",site="theta",state="finished"} 0.0
            balsam_batch_jobs{project="proj",queue="prod",site="theta",state="pending_deletion"} 0.0
            balsam_batch_jobs{project="proj",queue="prod",site="theta",state="pending_submission"} 0.0
            balsam_batch_jobs{project="proj",queue="prod",site="theta",state="queued"} 0.0
            balsam_batch_jobs{project="proj",queue="prod",site="theta",state="running"} 2.0
            balsam_batch_jobs{project="proj",queue="prod",site="theta",state="submit_failed"} 0.0""");
    assertThat(family("balsam_batch_job_requested_nodes"))
        .contains("state=\"__unknown__\"} 4.0", "state=\"running\"} 10.0");
    assertThat(family("balsam_available_nodes"))
        .isEqualTo("balsam_available_nodes{site=\"theta\"} 10.0");
  }

  @Test
  void sitesShowTheirHeartbeatFactsBackfillAndSchedulerQueue() throws IOException {
    domain.apply(update(List.of(), Map.of(), List.of()));

    assertThat(family("balsam_site_info"))
        .isEqualTo("balsam_site_info{path=\"/projects/theta\",site=\"theta\",site_id=\"1\"} 1");
    assertThat(family("balsam_site_last_refresh_timestamp_seconds"))
        .isEqualTo("balsam_site_last_refresh_timestamp_seconds{site=\"theta\"} 1.7956836E9");
    assertThat(family("balsam_site_backfill_nodes"))
        .isEqualTo("balsam_site_backfill_nodes{queue=\"debug\",site=\"theta\"} 6.0");
    assertThat(family("balsam_site_scheduler_jobs"))
        .isEqualTo(
            "balsam_site_scheduler_jobs{queue=\"prod\",site=\"theta\",state=\"queued\"} 1.0");
    assertThat(family("balsam_site_scheduler_nodes"))
        .isEqualTo(
            "balsam_site_scheduler_nodes{queue=\"prod\",site=\"theta\",state=\"queued\"} 8.0");
  }

  @Test
  void aSnapshotOncePublishedNeverChanges() throws IOException {
    domain.apply(
        update(
            List.of(),
            Map.of(new PollUpdate.JobGroup("theta", "RUNNING", List.of()), 3),
            List.of()));
    DomainSnapshot first = domain.current();
    String before = first.toString();

    domain.apply(
        update(
            List.of(),
            Map.of(new PollUpdate.JobGroup("theta", "RUNNING", List.of()), 5),
            List.of()));

    assertThat(domain.current()).isNotSameAs(first);
    assertThat(first.toString()).isEqualTo(before);
    assertThat(family("balsam_jobs")).contains("state=\"RUNNING\"} 5.0");
  }
}

package io.balsamexporter.sim.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Site;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class SimWritesSitesAndBatchJobsTest {
  private final SimTestBed bed = new SimTestBed();

  @Test
  void aNewSiteIsOwnedByItsUserAndStampedWithTheServersClock() {
    assertThat(bed.site.creationDate()).isEqualTo(SimTestBed.START);
    assertThat(bed.site.lastRefresh()).isEqualTo(SimTestBed.START);
    Long owner = bed.store.read(d -> d.siteOwner.get(bed.site.id()));
    assertThat(owner).isEqualTo(bed.userId);
    assertThatThrownBy(
            () -> bed.writes.createSite(bed.userId, "polaris", "/other", SiteSettings.NONE))
        .isInstanceOf(SimRejection.class);
  }

  @Test
  void aRefreshStoresTheReportAndMovesOnlyLastRefresh() {
    bed.clock.advance(Duration.ofSeconds(20));
    var queued = new Site.QueuedJob(6112825, "queued", "prod", 8, 5, "demo", 5, 1);

    Site refreshed =
        bed.writes.refreshSite(
            bed.site.id(),
            Map.of("prod", List.of(new Site.BackfillWindow(16, 45))),
            Map.of("6112825", queued));

    assertThat(refreshed.lastRefresh()).isEqualTo(SimTestBed.START.plusSeconds(20));
    assertThat(refreshed.creationDate()).isEqualTo(SimTestBed.START);
    assertThat(refreshed.queuedJobs()).containsEntry("6112825", queued);
    Site stored = bed.store.read(d -> d.sites.get(bed.site.id()));
    assertThat(stored).isEqualTo(refreshed);
  }

  @Test
  void appsNeedASiteOfTheirOwner() {
    long bob = SimTestBed.addUser(bed.store, "bob");

    assertThatThrownBy(
            () ->
                SimWrites.forUser(bed.store, bob)
                    .createApp(bed.site.id(), "Steal", new AppSpec(null, null, null, null, null)))
        .isInstanceOf(NoSuchElementException.class);
    assertThat(bed.transferApp.transfers()).containsKeys("h5_in", "result_out");
  }

  @Test
  void aNewBatchJobAwaitsSubmissionWithoutSchedulerId() {
    BatchJob created =
        bed.writes.createBatchJob(NewBatchJob.of(bed.site.id(), "demo", "debug", 4, 30));

    assertThat(created.state()).isEqualTo("pending_submission");
    assertThat(created.schedulerId()).isNull();
    assertThat(created.statusInfo()).isEmpty();
    assertThat(created.startTime()).isNull();
    assertThatThrownBy(() -> bed.writes.createBatchJob(NewBatchJob.of(99, "demo", "debug", 4, 30)))
        .hasMessage("No site with ID 99");
  }

  @Test
  void anUpdateSetsSchedulerFieldsAndTimes() {
    BatchJob created =
        bed.writes.createBatchJob(NewBatchJob.of(bed.site.id(), "demo", "debug", 4, 30));
    Instant start = Instant.parse("2026-11-26T09:59:40Z");
    Instant end = Instant.parse("2026-11-26T10:04:10Z");

    bed.writes.updateBatchJob(
        new BatchJobUpdate(
            created.id(), 4242L, "queued", Map.of("submit_script", "q.sh"), null, null));
    BatchJob finished =
        bed.writes
            .updateBatchJobs(
                List.of(new BatchJobUpdate(created.id(), null, "finished", null, start, end)))
            .get(0);

    assertThat(finished.schedulerId()).isEqualTo(4242L);
    assertThat(finished.statusInfo()).containsEntry("submit_script", "q.sh");
    assertThat(finished.state()).isEqualTo("finished");
    assertThat(finished.startTime()).isEqualTo(start);
    assertThat(finished.endTime()).isEqualTo(end);
  }

  @Test
  void aBatchJobPendingDeletionAcceptsOnlyAChangeToFinished() {
    long id = bed.writes.createBatchJob(NewBatchJob.of(bed.site.id(), "demo", "debug", 4, 30)).id();
    bed.writes.updateBatchJob(BatchJobUpdate.state(id, "pending_deletion"));

    BatchJob ignored =
        bed.writes.updateBatchJob(new BatchJobUpdate(id, 77L, "running", null, null, null));
    BatchJob finished = bed.writes.updateBatchJob(BatchJobUpdate.state(id, "finished"));

    assertThat(ignored.state()).isEqualTo("pending_deletion");
    assertThat(ignored.schedulerId()).isEqualTo(77L);
    assertThat(finished.state()).isEqualTo("finished");
  }

  @Test
  void unknownBatchJobsAreNotFoundAloneAndRejectedInBulk() {
    assertThatThrownBy(() -> bed.writes.updateBatchJob(BatchJobUpdate.state(5, "queued")))
        .isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(() -> bed.writes.updateBatchJobs(List.of(BatchJobUpdate.state(5, "queued"))))
        .hasMessage("Could not find some Batch Job IDs");
  }
}

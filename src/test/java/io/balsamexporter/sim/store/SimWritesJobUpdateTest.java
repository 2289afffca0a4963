package io.balsamexporter.sim.store;

import static io.balsamexporter.balsam.JobStates.AWAITING_PARENTS;
import static io.balsamexporter.balsam.JobStates.FAILED;
import static io.balsamexporter.balsam.JobStates.JOB_FINISHED;
import static io.balsamexporter.balsam.JobStates.POSTPROCESSED;
import static io.balsamexporter.balsam.JobStates.PREPROCESSED;
import static io.balsamexporter.balsam.JobStates.READY;
import static io.balsamexporter.balsam.JobStates.RUNNING;
import static io.balsamexporter.balsam.JobStates.RUN_DONE;
import static io.balsamexporter.balsam.JobStates.RUN_TIMEOUT;
import static io.balsamexporter.balsam.JobStates.STAGED_IN;
import static io.balsamexporter.balsam.JobStates.STAGED_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimWritesJobUpdateTest {
  private final SimTestBed bed = new SimTestBed();
  private final Instant siteTime = Instant.parse("2026-11-26T08:59:30.250000Z");

  @Test
  void anAcceptedStateChangeLogsOneEventStampedWithTheSitesTimestampVerbatim() {
    Job job = bed.createPlain("a");
    bed.clock.advance(Duration.ofMinutes(5));

    int updated =
        bed.writes.updateJobs(
            List.of(new JobUpdate(job.id(), RUNNING, siteTime, EventData.running(1, 2), 7L, null)));

    Event running = bed.lastEventOf(job.id());
    assertThat(updated).isEqualTo(1);
    assertThat(running.fromState()).isEqualTo(STAGED_IN);
    assertThat(running.toState()).isEqualTo(RUNNING);
    assertThat(running.timestamp()).isEqualTo(siteTime);
    assertThat(running.data()).isEqualTo(Map.of("num_nodes", 0.5));
    assertThat(bed.job(job.id()).batchJobId()).isEqualTo(7L);
    assertThat(bed.job(job.id()).lastUpdate()).isEqualTo(SimTestBed.START.plusSeconds(300));
  }

  @Test
  void anUpdateWithoutTimestampIsStampedWithTheServersClock() {
    Job job = bed.createPlain("a");
    bed.set(job.id(), RUNNING, siteTime);
    bed.clock.advance(Duration.ofSeconds(90));

    bed.writes.updateJobs(
        List.of(JobUpdate.state(job.id(), RUN_TIMEOUT, null, EventData.sessionExpired())));

    Event timeout = bed.lastEventOf(job.id());
    assertThat(timeout.timestamp()).isEqualTo(SimTestBed.START.plusSeconds(90));
    assertThat(timeout.data())
        .isEqualTo(Map.of("message", "Session expired: job was stuck in RUNNING state"));
  }

  @Test
  void anUpdateToTheCurrentStateLogsNoEventButStillMovesLastUpdate() {
    Job job = bed.createPlain("a");
    int before = bed.eventCount();
    bed.clock.advance(Duration.ofSeconds(3));

    bed.set(job.id(), STAGED_IN, siteTime);

    assertThat(bed.eventCount()).isEqualTo(before);
    assertThat(bed.job(job.id()).state()).isEqualTo(STAGED_IN);
    assertThat(bed.job(job.id()).lastUpdate()).isEqualTo(SimTestBed.START.plusSeconds(3));
  }

  @Test
  void anUpdateWithoutStateChangesOnlyItsFieldsAndLogsNothing() {
    Job job = bed.createPlain("a");
    int before = bed.eventCount();

    bed.writes.updateJobs(List.of(new JobUpdate(job.id(), null, null, null, 4L, 137)));

    Job stored = bed.job(job.id());
    assertThat(bed.eventCount()).isEqualTo(before);
    assertThat(stored.batchJobId()).isEqualTo(4L);
    assertThat(stored.returnCode()).isEqualTo(137);
    assertThat(stored.state()).isEqualTo(STAGED_IN);
  }

  @Test
  void readyBecomesStagedInWhenNoStageInIsPending() {
    Job job = bed.createPlain("a");
    bed.set(job.id(), RUN_DONE, siteTime);

    bed.set(job.id(), READY, siteTime.plusSeconds(1));

    assertThat(bed.job(job.id()).state()).isEqualTo(STAGED_IN);
    assertThat(bed.lastEventOf(job.id()))
        .extracting(Event::fromState, Event::toState, Event::data, Event::timestamp)
        .containsExactly(
            RUN_DONE, STAGED_IN, Map.of("message", "Skipped stage in"), siteTime.plusSeconds(1));
  }

  @Test
  void readyStaysReadyWhileTheStageInIsPending() {
    Job job = bed.createWithTransfers("a", true, false);
    bed.set(job.id(), FAILED, siteTime);

    bed.set(job.id(), READY, siteTime.plusSeconds(1));

    assertThat(bed.job(job.id()).state()).isEqualTo(READY);
    assertThat(bed.lastEventOf(job.id()).data()).isEmpty();
  }

  @Test
  void postprocessedBecomesJobFinishedFromRunDoneWhenNoStageOutIsPending() {
    Job job = bed.createPlain("a");
    bed.set(job.id(), RUN_DONE, siteTime);

    bed.set(job.id(), POSTPROCESSED, siteTime.plusSeconds(2));

    assertThat(bed.job(job.id()).state()).isEqualTo(JOB_FINISHED);
    assertThat(bed.lastEventOf(job.id()))
        .isEqualTo(
            new Event(
                bed.eventCount(),
                job.id(),
                siteTime.plusSeconds(2),
                RUN_DONE,
                JOB_FINISHED,
                Map.of("message", "Skipped stage out")));
  }

  @Test
  void aStagedOutUpdateIsStoredAsJobFinished() {
    Job job = bed.createWithTransfers("a", false, true);
    bed.set(job.id(), RUN_DONE, siteTime);

    bed.set(job.id(), STAGED_OUT, siteTime.plusSeconds(1));

    assertThat(bed.job(job.id()).state()).isEqualTo(JOB_FINISHED);
    assertThat(bed.lastEventOf(job.id()).toState()).isEqualTo(JOB_FINISHED);
  }

  @Test
  void duplicateIdsAreRejectedWithTheServersDetailAndNothingChanges() {
    Job job = bed.createPlain("a");
    int before = bed.eventCount();

    assertThatThrownBy(
            () ->
                bed.writes.updateJobs(
                    List.of(
                        JobUpdate.state(job.id(), PREPROCESSED, null, null),
                        JobUpdate.state(job.id(), RUNNING, null, null))))
        .isInstanceOfSatisfying(
            SimRejection.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.detail()).isEqualTo("Duplicate Job ID keys provided");
            });
    assertThat(bed.eventCount()).isEqualTo(before);
  }

  @Test
  void anUnknownIdRejectsTheWholeRequestWithTheServersDetail() {
    Job job = bed.createPlain("a");

    assertThatThrownBy(
            () ->
                bed.writes.updateJobs(
                    List.of(
                        JobUpdate.state(job.id(), PREPROCESSED, null, null),
                        JobUpdate.state(4242, RUNNING, null, null))))
        .isInstanceOf(SimRejection.class)
        .hasMessage("Could not find some Job IDs");
    assertThat(bed.job(job.id()).state()).isEqualTo(STAGED_IN);
  }

  @Test
  void finishingTheLastParentReleasesItsChildrenWithServerStampedEvents() {
    Job p1 = bed.createPlain("p1");
    Job p2 = bed.createPlain("p2");
    Job plainChild = bed.createPlain("c1", p1.id(), p2.id());
    Job stageInChild = bed.createWithTransfers("c2", true, false, p2.id());
    Job otherChild = bed.createPlain("c3", p1.id(), bed.createPlain("p3").id());
    bed.set(p1.id(), JOB_FINISHED, siteTime);
    assertThat(bed.job(plainChild.id()).state()).isEqualTo(AWAITING_PARENTS);
    bed.clock.advance(Duration.ofSeconds(42));
    Instant serverNow = SimTestBed.START.plusSeconds(42);

    bed.writes.updateJobs(
        List.of(
            JobUpdate.state(p2.id(), RUN_DONE, siteTime, null),
            JobUpdate.state(p1.id(), JOB_FINISHED, siteTime, null)));
    bed.set(p2.id(), POSTPROCESSED, siteTime.plusSeconds(1));

    assertThat(bed.lastEventOf(plainChild.id()))
        .extracting(Event::fromState, Event::toState, Event::timestamp, Event::data)
        .containsExactly(
            AWAITING_PARENTS, STAGED_IN, serverNow, Map.of("message", "Skipped stage in"));
    assertThat(bed.lastEventOf(stageInChild.id()))
        .extracting(Event::toState, Event::data)
        .containsExactly(READY, Map.of("message", "All parents finished"));
    assertThat(bed.job(stageInChild.id()).lastUpdate()).isEqualTo(serverNow);
    assertThat(bed.job(otherChild.id()).state()).isEqualTo(AWAITING_PARENTS);
  }

  @Test
  void everyWriteMovesLastUpdateToTheServersClockNotTheSitesStamp() {
    Job job = bed.createPlain("a");
    bed.clock.advance(Duration.ofSeconds(10));

    bed.set(job.id(), PREPROCESSED, Instant.parse("2030-01-01T00:00:00Z"));

    assertThat(bed.job(job.id()).lastUpdate()).isEqualTo(SimTestBed.START.plusSeconds(10));
    assertThat(bed.lastEventOf(job.id()).timestamp())
        .isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Test
  void anUnknownStateIsRefusedBeforeAnythingChanges() {
    Job job = bed.createPlain("a");

    assertThatThrownBy(() -> bed.set(job.id(), "DANCING", siteTime))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(bed.job(job.id()).state()).isEqualTo(STAGED_IN);
  }
}

package io.balsamexporter.sim.store;

import static io.balsamexporter.balsam.JobStates.AWAITING_PARENTS;
import static io.balsamexporter.balsam.JobStates.JOB_FINISHED;
import static io.balsamexporter.balsam.JobStates.POSTPROCESSED;
import static io.balsamexporter.balsam.JobStates.READY;
import static io.balsamexporter.balsam.JobStates.RUN_DONE;
import static io.balsamexporter.balsam.JobStates.STAGED_IN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class SimWritesTransfersAndDeletionTest {
  private final SimTestBed bed = new SimTestBed();
  private final Instant siteTime = Instant.parse("2026-11-26T09:00:05.5Z");

  @Test
  void aFinishedStageInMovesAReadyJobToStagedInStampedByTheServer() {
    Job job = bed.createWithTransfers("a", true, true);
    bed.clock.advance(Duration.ofSeconds(12));

    bed.writes.completeTransfers(job.id(), "in");

    assertThat(bed.lastEventOf(job.id()))
        .isEqualTo(
            new Event(
                2, job.id(), SimTestBed.START.plusSeconds(12), READY, STAGED_IN, EventData.EMPTY));
    assertThat(bed.job(job.id()).lastUpdate()).isEqualTo(SimTestBed.START.plusSeconds(12));
  }

  @Test
  void aPendingStageOutHoldsPostprocessedUntilTheTransferFinishesIt() {
    Job job = bed.createWithTransfers("a", false, true);
    bed.set(job.id(), RUN_DONE, siteTime);

    bed.set(job.id(), POSTPROCESSED, siteTime.plusSeconds(1));
    assertThat(bed.job(job.id()).state()).isEqualTo(POSTPROCESSED);
    bed.clock.advance(Duration.ofSeconds(30));
    bed.writes.completeTransfers(job.id(), "out");

    assertThat(bed.lastEventOf(job.id()))
        .extracting(Event::fromState, Event::toState, Event::timestamp, Event::data)
        .containsExactly(
            POSTPROCESSED, JOB_FINISHED, SimTestBed.START.plusSeconds(30), EventData.EMPTY);
  }

  @Test
  void childrenOfAJobFinishedByItsStageOutStayWaitingAsUpstream() {
    Job parent = bed.createWithTransfers("p", false, true);
    Job child = bed.createPlain("c", parent.id());
    bed.set(parent.id(), POSTPROCESSED, siteTime);

    bed.writes.completeTransfers(parent.id(), "out");

    assertThat(bed.job(parent.id()).state()).isEqualTo(JOB_FINISHED);
    assertThat(bed.job(child.id()).state()).isEqualTo(AWAITING_PARENTS);
  }

  @Test
  void aTransferForAnotherDirectionThanTheJobWaitsForChangesNoState() {
    Job job = bed.createWithTransfers("a", true, true);
    int before = bed.eventCount();

    bed.writes.completeTransfers(job.id(), "out");

    assertThat(bed.job(job.id()).state()).isEqualTo(READY);
    assertThat(bed.eventCount()).isEqualTo(before);
  }

  @Test
  void transfersOfAnUnknownJobAreNotFound() {
    assertThatThrownBy(() -> bed.writes.completeTransfers(99, "in"))
        .isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void deletingJobsRemovesTheirEventsAndTheirDescendants() {
    Job keep = bed.createPlain("keep");
    Job parent = bed.createWithTransfers("p", true, true);
    Job child = bed.createPlain("c", parent.id());
    Job grandChild = bed.createPlain("g", child.id());
    bed.set(keep.id(), RUN_DONE, siteTime);

    var deleted = bed.writes.deleteJobs(List.of(parent.id(), 4242L));

    assertThat(deleted).containsExactlyInAnyOrder(parent.id(), child.id(), grandChild.id());
    List<Long> jobIds = bed.store.read(d -> List.copyOf(d.jobs.keySet()));
    List<Event> events = bed.store.read(d -> List.copyOf(d.events));
    assertThat(jobIds).containsExactly(keep.id());
    assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.jobId()).isEqualTo(keep.id()));
    boolean noTransfers =
        bed.store.read(d -> d.unfinishedStageIn.isEmpty() && d.unfinishedStageOut.isEmpty());
    assertThat(noTransfers).isTrue();
  }
}

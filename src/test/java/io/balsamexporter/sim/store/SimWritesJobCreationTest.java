package io.balsamexporter.sim.store;

import static io.balsamexporter.balsam.JobStates.AWAITING_PARENTS;
import static io.balsamexporter.balsam.JobStates.CREATED;
import static io.balsamexporter.balsam.JobStates.JOB_FINISHED;
import static io.balsamexporter.balsam.JobStates.READY;
import static io.balsamexporter.balsam.JobStates.STAGED_IN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimWritesJobCreationTest {
  private final SimTestBed bed = new SimTestBed();

  @Test
  void aJobWithoutParentsOrStageInStartsStagedInWithAServerStampedCreationEvent() {
    bed.clock.advance(Duration.ofNanos(1_234_567_891));

    Job job = bed.createPlain("exp/a");

    assertThat(job.state()).isEqualTo(STAGED_IN);
    assertThat(job.lastUpdate()).isEqualTo(SimTestBed.START.plusNanos(1_234_567_000));
    assertThat(bed.eventsOf(job.id()))
        .containsExactly(
            new Event(1, job.id(), job.lastUpdate(), CREATED, STAGED_IN, EventData.EMPTY));
    assertThat(job.batchJobId()).isNull();
    assertThat(job.pendingFileCleanup()).isTrue();
  }

  @Test
  void aJobWithAStageInTransferStartsReadyButAStageOutAloneDoesNotMatter() {
    Job in = bed.createWithTransfers("exp/in", true, false);
    Job out = bed.createWithTransfers("exp/out", false, true);

    assertThat(in.state()).isEqualTo(READY);
    assertThat(out.state()).isEqualTo(STAGED_IN);
    assertThat(bed.lastEventOf(in.id()).toState()).isEqualTo(READY);
  }

  @Test
  void aJobWaitsForParentsUnlessAllOfThemAreFinished() {
    Job finished = bed.createPlain("exp/p1");
    bed.set(finished.id(), JOB_FINISHED, SimTestBed.START);
    Job running = bed.createPlain("exp/p2");

    Job waiting = bed.createWithTransfers("exp/c1", true, false, finished.id(), running.id());
    Job free = bed.createWithTransfers("exp/c2", true, false, finished.id());

    assertThat(waiting.state()).isEqualTo(AWAITING_PARENTS);
    assertThat(waiting.parentIds()).containsExactly(finished.id(), running.id());
    assertThat(free.state()).isEqualTo(READY);
  }

  @Test
  void idsIncreaseAcrossCallsAndTagsComeBackInJsonbKeyOrder() {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("scale_nodes", "1");
    tags.put("experiment", "md");
    tags.put("stage", "sim");
    tags.put("priority", "low");

    List<Job> jobs =
        bed.writes.createJobs(
            List.of(
                NewJob.of("a", bed.plainApp.id(), tags),
                NewJob.of("b", bed.plainApp.id(), Map.of())));
    Job third = bed.createPlain("c");

    assertThat(jobs).extracting(Job::id).containsExactly(1L, 2L);
    assertThat(third.id()).isEqualTo(3);
    assertThat(jobs.get(0).tags().keySet())
        .containsExactly("stage", "priority", "experiment", "scale_nodes");
  }

  @Test
  void anUnknownAppIsRejectedWithTheServersDetailAndNothingIsStored() {
    NewJob good = NewJob.of("a", bed.plainApp.id(), Map.of());
    NewJob bad = NewJob.of("b", 999, Map.of());

    assertThatThrownBy(() -> bed.writes.createJobs(List.of(good, bad)))
        .isInstanceOfSatisfying(
            SimRejection.class,
            e -> {
              assertThat(e.status()).isEqualTo(404);
              assertThat(e.detail())
                  .isEqualTo("Could not find one or more Apps. Double check app_id fields.");
            });
    int stored = bed.store.read(d -> d.jobs.size());
    assertThat(stored).isZero();
    assertThat(bed.eventCount()).isZero();
  }

  @Test
  void anUnknownParentIsRejectedWithTheServersDetail() {
    NewJob orphan = NewJob.of("a", bed.plainApp.id(), Map.of()).withParents(List.of(77L));

    assertThatThrownBy(() -> bed.writes.createJobs(List.of(orphan)))
        .isInstanceOf(SimRejection.class)
        .hasMessage(
            "Could not find one or more Jobs set as parents. Double check parent_ids fields.");
  }

  @Test
  void transfersMustNameAnAppSlotAndASiteLocation() {
    NewJob wrongSlot =
        NewJob.of("a", bed.plainApp.id(), Map.of())
            .withTransfers(Map.of("h5_in", new NewJob.TransferRef("dtn", "/x")));
    NewJob wrongAlias =
        NewJob.of("b", bed.transferApp.id(), Map.of())
            .withTransfers(Map.of("h5_in", new NewJob.TransferRef("nowhere", "/x")));

    assertThatThrownBy(() -> bed.writes.createJobs(List.of(wrongSlot)))
        .hasMessage("App Simulate has no Transfer slot named h5_in");
    assertThatThrownBy(() -> bed.writes.createJobs(List.of(wrongAlias)))
        .hasMessage("Site has no Transfer URL named nowhere");
  }

  @Test
  void anotherUsersAppsAndJobsDoNotExistForAScopedWriter() {
    long bob = SimTestBed.addUser(bed.store, "bob");
    Job alices = bed.createPlain("a");
    SimWrites asBob = SimWrites.forUser(bed.store, bob);

    assertThatThrownBy(() -> asBob.createJobs(List.of(NewJob.of("x", bed.plainApp.id(), Map.of()))))
        .isInstanceOf(SimRejection.class);
    assertThatThrownBy(
            () -> asBob.updateJobs(List.of(JobUpdate.state(alices.id(), JOB_FINISHED, null, null))))
        .hasMessage("Could not find some Job IDs");
    assertThat(
            SimWrites.forUser(bed.store, bed.userId)
                .updateJobs(List.of(JobUpdate.state(alices.id(), JOB_FINISHED, null, null))))
        .isEqualTo(1);
  }
}

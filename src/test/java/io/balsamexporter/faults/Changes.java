package io.balsamexporter.faults;

import io.balsamexporter.balsam.Job;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.testing.SimHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Balsam's users and sites do to the dev workload while a fault lasts: runs reported on time,
 * late and very late, jobs submitted, jobs deleted with their events. Each write moves the server's
 * clock on by a second first, as time passes between a real server's writes.
 */
final class Changes {
  private final SimHarness balsam;

  Changes(SimHarness balsam) {
    this.balsam = balsam;
  }

  /** Ids of up to {@code n} jobs now in {@code state}, lowest first. */
  List<Long> jobsIn(String state, int n) {
    return balsam.store.read(
        data ->
            data.jobs.values().stream()
                .filter(job -> job.state().equals(state))
                .map(Job::id)
                .limit(n)
                .toList());
  }

  /** A site reports that a runnable job started running at {@code siteTime}. */
  void startRun(Instant siteTime) {
    long job = jobsIn("PREPROCESSED", 1).get(0);
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(JobUpdate.state(job, "RUNNING", siteTime, Map.of("num_nodes", 1.0))));
  }

  /** A user submits one job to the app of the first job. */
  void submit(String workdir) {
    long app = balsam.store.read(data -> data.jobs.firstEntry().getValue().appId());
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.createJobs(List.of(NewJob.of(workdir, app, Map.of())));
  }

  /** Deletes {@code n} finished jobs; Balsam deletes their descendants and events with them. */
  Set<Long> deleteFinished(int n) {
    balsam.clock.advance(Duration.ofSeconds(1));
    return balsam.writes.deleteJobs(jobsIn("JOB_FINISHED", n));
  }

  /**
   * A mix that any poll after it must pick up: a run on time, one late inside the late window, one
   * hours late, and a new job.
   */
  void mixed(String tag) {
    startRun(Instant.parse("2026-11-26T09:12:30Z"));
    startRun(Instant.parse("2026-11-26T09:08:00Z"));
    startRun(Instant.parse("2026-11-26T06:00:00Z"));
    submit("faults/" + tag);
  }

  /** Events in the store: each is one transition, so the counters' sum must equal it. */
  long events() {
    return balsam.store.read(data -> (long) data.events.size());
  }

  long jobs() {
    return balsam.store.read(data -> (long) data.jobs.size());
  }
}

package io.balsamexporter.sim.store;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.testing.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A store on a manual clock with one user, one site and two apps: one plain, one with transfers.
 */
public final class SimTestBed {
  static final Instant START = Instant.parse("2026-11-26T09:00:00Z");

  final ManualClock clock = new ManualClock(START);
  final SimStore store = new SimStore(clock);
  final SimWrites writes = new SimWrites(store);
  final long userId;
  final Site site;
  final App plainApp;
  final App transferApp;

  SimTestBed() {
    userId = addUser(store, "alice");
    site =
        writes.createSite(
            userId,
            "polaris",
            "/projects/demo/polaris",
            new SiteSettings(null, null, List.of("demo"), null, Map.of("dtn", "globus://dtn")));
    plainApp = writes.createApp(site.id(), "Simulate", new AppSpec(null, null, null, null, null));
    transferApp =
        writes.createApp(
            site.id(),
            "Correlate",
            new AppSpec(
                null,
                null,
                null,
                null,
                Map.of(
                    "h5_in", AppSpec.transferSlot("in", "input.h5", "frames", false),
                    "result_out", AppSpec.transferSlot("out", "results", "output", true))));
  }

  /** Registers a user named {@code name} with the password {@code name-pw}. */
  public static long addUser(SimStore store, String name) {
    return SimAccounts.register(store, name, name + "-pw");
  }

  Job createPlain(String workdir, Long... parents) {
    NewJob spec = NewJob.of(workdir, plainApp.id(), Map.of()).withParents(List.of(parents));
    return writes.createJobs(List.of(spec)).get(0);
  }

  Job createWithTransfers(String workdir, boolean in, boolean out, Long... parents) {
    Map<String, NewJob.TransferRef> slots = new java.util.LinkedHashMap<>();
    if (in) {
      slots.put("h5_in", new NewJob.TransferRef("dtn", "/data/in.h5"));
    }
    if (out) {
      slots.put("result_out", new NewJob.TransferRef("dtn", "/data/out"));
    }
    NewJob spec =
        NewJob.of(workdir, transferApp.id(), Map.of())
            .withParents(List.of(parents))
            .withTransfers(slots);
    return writes.createJobs(List.of(spec)).get(0);
  }

  Job job(long id) {
    return store.read(d -> d.jobs.get(id));
  }

  List<Event> eventsOf(long jobId) {
    return store.read(d -> d.events.stream().filter(e -> e.jobId() == jobId).toList());
  }

  Event lastEventOf(long jobId) {
    List<Event> events = eventsOf(jobId);
    return events.get(events.size() - 1);
  }

  int eventCount() {
    return store.read(d -> d.events.size());
  }

  /** Moves a job to {@code state} with a client stamp, as a site would. */
  void set(long jobId, String state, Instant at) {
    writes.updateJobs(List.of(JobUpdate.state(jobId, state, at, null)));
  }
}

package io.balsamexporter.sim.store;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.JobStates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Consistency checks a generated store must pass, whichever way it was built. */
public final class StoreChecks {
  private StoreChecks() {}

  /**
   * Replays each job's events in timestamp order (ties by id) and lists every job whose events do
   * not chain (a from_state that is not the previous to_state) or do not end in its state.
   */
  public static List<String> replayMismatches(List<Event> events, Map<Long, Job> jobs) {
    Map<Long, List<Event>> byJob = new HashMap<>();
    for (Event event : events) {
      byJob.computeIfAbsent(event.jobId(), k -> new ArrayList<>()).add(event);
    }
    List<String> problems = new ArrayList<>();
    for (Job job : jobs.values()) {
      List<Event> history = byJob.getOrDefault(job.id(), List.of());
      history.sort(Comparator.comparing(Event::timestamp).thenComparingLong(Event::id));
      String state = JobStates.CREATED;
      for (Event event : history) {
        if (!event.fromState().equals(state)) {
          problems.add(
              "job "
                  + job.id()
                  + ": event "
                  + event.id()
                  + " leaves "
                  + event.fromState()
                  + ", expected "
                  + state);
        }
        state = event.toState();
      }
      if (!state.equals(job.state())) {
        problems.add("job " + job.id() + ": replay ends in " + state + ", stored " + job.state());
      }
    }
    if (!byJob.keySet().equals(jobs.keySet())) {
      problems.add("events and jobs name different job ids");
    }
    return problems;
  }

  /** Events stored after an event with a later timestamp: higher id, older timestamp. */
  public static long lateEvents(List<Event> eventsInIdOrder) {
    Instant newest = Instant.MIN;
    long late = 0;
    for (Event event : eventsInIdOrder) {
      if (event.timestamp().isBefore(newest)) {
        late++;
      } else {
        newest = event.timestamp();
      }
    }
    return late;
  }
}

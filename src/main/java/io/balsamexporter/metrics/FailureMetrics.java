package io.balsamexporter.metrics;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.FailureData;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.PollUpdate;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why jobs fail and where they sit still: RUN_ERROR events by exit code and FAILED events by cause,
 * per site and app, jobs per app and state, and how long jobs have been in their state. Counts are
 * kept by app id, as an event is counted before the inventory that names its app may be known, and
 * drawn with app labels at each publish.
 */
final class FailureMetrics {
  /** The states a job leaves on its own, whose ages are exported. */
  static final List<String> MOVING_STATES =
      JobStates.ALL.stream()
          .filter(s -> !JobStates.JOB_FINISHED.equals(s) && !JobStates.FAILED.equals(s))
          .toList();

  private record Key(String site, long appId, String label) {}

  private final LabelValues bound;
  private final AppLabels apps;
  private final UnknownValues states = new UnknownValues("job state", JobStates.ALL);
  private final Map<Key, long[]> runErrors = new HashMap<>();
  private final Map<Key, long[]> failures = new HashMap<>();
  private final CounterFamily runErrorFamily =
      new CounterFamily(
          "balsam_job_run_errors",
          "RUN_ERROR events in Balsam's event log, by the exit code the launcher recorded"
              + " (-64..255 verbatim, other, none).",
          List.of("site", "app", "returncode"));
  private final CounterFamily failureFamily =
      new CounterFamily(
          "balsam_job_failures",
          "FAILED events in Balsam's event log, by cause: the hook or launcher that raised, or"
              + " the RUN_ERROR or RUN_TIMEOUT before it.",
          List.of("site", "app", "cause"));
  private final GaugeFamily appJobs =
      new GaugeFamily(
          "balsam_app_jobs",
          "Jobs in each state per app, from GET /jobs/.",
          List.of("site", "app", "state"));
  private final GaugeFamily oldestEntry =
      new GaugeFamily(
          "balsam_jobs_oldest_state_entry_timestamp_seconds",
          "When the job longest in a state entered it: the timestamp of its newest event into"
              + " the state, from Balsam's event log.",
          List.of("site", "state"));
  private final GaugeFamily longInState =
      new GaugeFamily(
          "balsam_jobs_in_state_longer_than_1h",
          "Jobs whose newest event into their current state is more than an hour old, from"
              + " Balsam's event log and GET /jobs/.",
          List.of("site", "state"));

  /** What the failure families show after one poll. */
  record View(
      Map<List<String>, Long> runErrors,
      Map<List<String>, Long> failures,
      Map<List<String>, Double> appJobs,
      Map<List<String>, Double> oldestEntry,
      Map<List<String>, Double> longInState) {}

  FailureMetrics(LabelValues bound, int appLimit) {
    this.bound = bound;
    this.apps = new AppLabels(appLimit);
  }

  /** Counts the RUN_ERROR and FAILED events an update adds. */
  void count(PollUpdate update) {
    for (PollUpdate.CountedEvent counted : update.events()) {
      Event event = counted.event();
      if (JobStates.RUN_ERROR.equals(event.toState())) {
        Key key = new Key(counted.site(), counted.appId(), FailureData.returnCode(event.data()));
        runErrors.computeIfAbsent(key, k -> new long[1])[0]++;
      } else if (JobStates.FAILED.equals(event.toState())) {
        Key key = new Key(counted.site(), counted.appId(), FailureData.cause(event));
        failures.computeIfAbsent(key, k -> new long[1])[0]++;
      }
    }
  }

  /** The rows of every failure family as of this state. */
  View view(PollUpdate.ClusterState state, List<Site> sites) {
    apps.learn(state.inventory());
    Map<List<String>, Double> perApp = sorted();
    state
        .jobsPerApp()
        .forEach(
            (group, n) -> {
              String app = apps.label(group.appId());
              for (String s : JobStates.ALL) {
                perApp.putIfAbsent(List.of(group.site(), app, s), 0.0);
              }
              perApp.merge(
                  List.of(group.site(), app, states.label(group.state())), (double) n, Double::sum);
            });
    Map<List<String>, Double> oldest = sorted();
    Map<List<String>, Double> longer = sorted();
    for (Site site : sites) {
      MOVING_STATES.forEach(s -> longer.put(List.of(site.name(), s), 0.0));
    }
    state
        .stateAges()
        .forEach(
            (group, age) -> {
              List<String> key = List.of(group.site(), states.label(group.state()));
              double seconds = age.oldestEntry().toEpochMilli() / 1000.0;
              oldest.merge(key, seconds, Math::min);
              longer.merge(key, (double) age.overThreshold(), Double::sum);
            });
    return new View(
        labelled(runErrors), labelled(failures), freeze(perApp), freeze(oldest), freeze(longer));
  }

  void collect(View view, List<MetricSnapshot> out) {
    out.add(runErrorFamily.render(view.runErrors(), bound));
    out.add(failureFamily.render(view.failures(), bound));
    out.add(appJobs.render(view.appJobs(), bound));
    out.add(oldestEntry.render(view.oldestEntry(), bound));
    out.add(longInState.render(view.longInState(), bound));
  }

  private Map<List<String>, Long> labelled(Map<Key, long[]> counts) {
    Map<List<String>, Long> rows = new TreeMap<>(ROW_ORDER);
    counts.forEach(
        (key, n) ->
            rows.merge(List.of(key.site(), apps.label(key.appId()), key.label()), n[0], Long::sum));
    return Collections.unmodifiableMap(rows);
  }

  private static final Comparator<List<String>> ROW_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c = a.get(i).compareTo(b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  private static Map<List<String>, Double> sorted() {
    return new TreeMap<>(ROW_ORDER);
  }

  private static Map<List<String>, Double> freeze(Map<List<String>, Double> rows) {
    return Collections.unmodifiableMap(rows);
  }
}

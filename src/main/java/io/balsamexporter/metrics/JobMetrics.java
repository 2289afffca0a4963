package io.balsamexporter.metrics;

import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.LifeCycle;
import io.balsamexporter.ingest.PollUpdate;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjLongConsumer;

/**
 * The job families: transitions and durations counted from the event log, and the jobs per state
 * and the nodes of running jobs drawn from a snapshot.
 */
final class JobMetrics {
  private final TagLabels tags;
  private final LabelValues bound;
  private final UnknownValues states = new UnknownValues("job state", JobStates.ALL);
  private final Counter transitions;
  private final Histogram runDuration;
  private final Histogram queueWait;
  private final GaugeFamily jobs;
  private final GaugeFamily runningNodes;

  private record TransitionKey(
      String site, String fromState, String toState, List<String> tagValues) {}

  /** What the job gauges show after one poll: rows of label values (site, [state,] tags…). */
  record View(Map<List<String>, Double> jobs, Map<List<String>, Double> runningNodes) {
    View {
      jobs = Collections.unmodifiableMap(jobs);
      runningNodes = Collections.unmodifiableMap(runningNodes);
    }
  }

  JobMetrics(TagLabels tags, LabelValues bound) {
    this.tags = tags;
    this.bound = bound;
    transitions =
        Counter.builder()
            .name("balsam_job_transitions_total")
            .help("Job state transitions in Balsam's event log (GET /events/), each counted once.")
            .labelNames(tags.withTagNames("site", "from_state", "to_state"))
            .build();
    runDuration =
        Histogram.builder()
            .name("balsam_job_run_duration_seconds")
            .help(
                "Time from a job's RUNNING event to the event that left RUNNING, from Balsam's"
                    + " event log; outcome is the state it left to.")
            .unit(Unit.SECONDS)
            .labelNames("site", "outcome")
            .classicUpperBounds(Buckets.HPC_SECONDS)
            .withoutExemplars()
            .build();
    queueWait =
        Histogram.builder()
            .name("balsam_job_queue_wait_seconds")
            .help(
                "Time from a job becoming runnable (PREPROCESSED or RESTART_READY) to its next"
                    + " RUNNING event, from Balsam's event log.")
            .unit(Unit.SECONDS)
            .labelNames("site")
            .classicUpperBounds(Buckets.HPC_SECONDS)
            .withoutExemplars()
            .build();
    jobs =
        new GaugeFamily(
            "balsam_jobs",
            "Jobs in each state, from GET /jobs/.",
            List.of(tags.withTagNames("site", "state")));
    runningNodes =
        new GaugeFamily(
            "balsam_running_job_nodes",
            "Nodes used by RUNNING jobs (num_nodes/node_packing_count summed), from GET /jobs/.",
            List.of(tags.withTagNames("site")));
  }

  /**
   * Counts what an update adds to the event log. Events of the same labels are counted together: a
   * first sync's page of 100,000 events falls into a few hundred series, and the lookups per series
   * cost more than the sum.
   *
   * @param overflow told the label name of each tag value that became {@code __other__}, and for
   *     how many events
   */
  void count(PollUpdate update, ObjLongConsumer<String> overflow) {
    // In order of first appearance: the first event of a group admits its tag values as it would
    // alone, and every later one of the group maps as the first did (admission only grows).
    Map<TransitionKey, long[]> perKey = new LinkedHashMap<>();
    for (PollUpdate.CountedEvent counted : update.events()) {
      TransitionKey key =
          new TransitionKey(
              counted.site(),
              counted.event().fromState(),
              counted.event().toState(),
              counted.tagValues());
      perKey.computeIfAbsent(key, k -> new long[1])[0]++;
    }
    perKey.forEach(
        (key, events) -> {
          long n = events[0];
          List<String> labels = new ArrayList<>(3 + key.tagValues().size());
          labels.add(key.site());
          labels.add(states.label(key.fromState()));
          labels.add(states.label(key.toState()));
          labels.addAll(tags.labelValues(key.tagValues(), label -> overflow.accept(label, n)));
          transitions.labelValues(bound.of(labels.toArray(String[]::new))).inc(n);
        });
    update
        .runs()
        .forEach(
            r -> runDuration.labelValues(bound.of(r.site(), r.outcome())).observe(r.seconds()));
    update
        .queueWaits()
        .forEach(w -> queueWait.labelValues(bound.of(w.site())).observe(w.seconds()));
  }

  /**
   * Starts every site's usual transitions at 0 so that rate() sees their first event. Only without
   * tag labels: which tag values a site's jobs will have is unknown.
   */
  void precreateTransitions(List<Site> sites) {
    if (!tags.isEmpty()) {
      return;
    }
    for (Site site : sites) {
      LifeCycle.TRANSITIONS.forEach(
          t -> transitions.initLabelValues(bound.of(site.name(), t.get(0), t.get(1))));
    }
  }

  /** Every state of every site and tag combination, at 0 when empty. */
  View view(PollUpdate.ClusterState state, List<Site> sites) {
    Map<List<String>, Double> counts = new LinkedHashMap<>();
    Set<List<String>> combos = new LinkedHashSet<>();
    state
        .jobsPerState()
        .forEach(
            (group, n) -> {
              List<String> tagValues = tags.labelValues(group.tagValues(), label -> {});
              combos.add(join(List.of(group.site()), tagValues));
              counts.merge(
                  join(List.of(group.site(), states.label(group.state())), tagValues),
                  (double) n,
                  Double::sum);
            });
    // A site without jobs still shows every state, under empty tag values.
    List<String> noTags = Collections.nCopies(tags.labelNames().size(), "");
    for (Site site : sites) {
      if (combos.stream().noneMatch(c -> c.get(0).equals(site.name()))) {
        combos.add(join(List.of(site.name()), noTags));
      }
    }
    Map<List<String>, Double> jobRows = new LinkedHashMap<>();
    Map<List<String>, Double> nodeRows = new LinkedHashMap<>();
    for (List<String> combo : combos) {
      for (String jobState : JobStates.ALL) {
        List<String> key = withState(combo, jobState);
        jobRows.put(key, counts.getOrDefault(key, 0.0));
      }
      List<String> unknown = withState(combo, UnknownValues.UNKNOWN);
      if (counts.containsKey(unknown)) {
        jobRows.put(unknown, counts.get(unknown));
      }
      nodeRows.put(combo, 0.0);
    }
    state
        .runningNodes()
        .forEach(
            (group, nodes) ->
                nodeRows.merge(
                    join(List.of(group.site()), tags.labelValues(group.tagValues(), l -> {})),
                    nodes,
                    Double::sum));
    return new View(jobRows, nodeRows);
  }

  void collect(View view, List<MetricSnapshot> out) {
    out.add(transitions.collect());
    out.add(runDuration.collect());
    out.add(queueWait.collect());
    out.add(jobs.render(view.jobs(), bound));
    out.add(runningNodes.render(view.runningNodes(), bound));
  }

  private static List<String> withState(List<String> combo, String state) {
    List<String> key = new ArrayList<>(combo);
    key.add(1, state);
    return List.copyOf(key);
  }

  private static List<String> join(List<String> base, List<String> tagValues) {
    List<String> all = new ArrayList<>(base);
    all.addAll(tagValues);
    return List.copyOf(all);
  }
}

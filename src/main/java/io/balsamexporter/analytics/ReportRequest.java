package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.JobStates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One report asked for: which, with which options and filters.
 *
 * @param nodeWeighting utilization only: weigh running jobs by their nodes (upstream's default)
 * @param live available nodes (and the utilization picture's gray line) include the allocations
 *     Balsam has not timed yet, with the times the exporter observed, and those still running up to
 *     now; false answers exactly as {@code balsam.analytics} does
 */
public record ReportRequest(
    ReportKind kind, boolean nodeWeighting, ReportFilter filter, boolean live) {

  /** A request answered exactly as {@code balsam.analytics} does. */
  public ReportRequest(ReportKind kind, boolean nodeWeighting, ReportFilter filter) {
    this(kind, nodeWeighting, filter, false);
  }

  /** The state throughput counts: the {@code to_state} filter, JOB_FINISHED by default. */
  public String throughputState() {
    return filter.toState().orElse(JobStates.JOB_FINISHED);
  }

  /**
   * The options and filters that shape this report, under their query-parameter names, for the
   * {@code filters} of the JSON answer and the chart's title. Defaults that apply are included.
   */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    switch (kind) {
      case THROUGHPUT -> out.put("to_state", throughputState());
      case UTILIZATION -> {
        out.put("node_weighting", nodeWeighting);
        filter.toState().ifPresent(s -> out.put("to_state", s));
      }
      case AVAILABLE_NODES -> {}
    }
    if (kind != ReportKind.AVAILABLE_NODES) {
      filter.fromState().ifPresent(s -> out.put("from_state", s));
      if (!filter.jobIds().isEmpty()) {
        out.put("job_id", filter.jobIds());
      }
    }
    filter.schedulerId().ifPresent(id -> out.put("scheduler_id", id));
    filter.batchJobId().ifPresent(id -> out.put("batch_job_id", id));
    if (!filter.tags().isEmpty()) {
      List<String> tags = new ArrayList<>();
      new TreeMap<>(filter.tags()).forEach((k, v) -> tags.add(k + ":" + v));
      out.put("tag", tags);
    }
    filter.site().ifPresent(s -> out.put("site", s));
    filter.since().ifPresent(t -> out.put("since", ReportFormats.isoTime(BalsamTime.toMicros(t))));
    filter.until().ifPresent(t -> out.put("until", ReportFormats.isoTime(BalsamTime.toMicros(t))));
    if (live) {
      out.put("live", true);
    }
    return out;
  }
}

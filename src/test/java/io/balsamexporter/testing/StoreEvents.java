package io.balsamexporter.testing;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.sim.store.SimData;
import io.balsamexporter.sim.store.SimStore;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What an EventLog query should answer, worked out straight from the simulator's tables (not from
 * anything the exporter keeps): the events of the jobs that exist, filtered by the parameters of
 * {@code /api/v1/events} with the meanings the exporter documents, in the asked order.
 */
public final class StoreEvents {
  /** One expected event with its job's attribution. */
  public record Expected(Event event, String site, String app, Map<String, String> tags) {}

  private StoreEvents() {}

  /** Balsam's -timestamp order: newest first, ties by ascending id. */
  public static final Comparator<Event> NEWEST_FIRST =
      Comparator.comparing(Event::timestamp, Comparator.reverseOrder())
          .thenComparingLong(Event::id);

  public static final Comparator<Event> OLDEST_FIRST =
      Comparator.comparing(Event::timestamp).thenComparingLong(Event::id);

  /** Every event matching {@code params} (query-string names), in the order they ask for. */
  public static List<Expected> matching(SimStore store, Map<String, List<String>> params) {
    return store.read(data -> matching(data, params));
  }

  private static List<Expected> matching(SimData data, Map<String, List<String>> params) {
    Predicate<Event> keep = e -> data.jobs.containsKey(e.jobId());
    if (params.containsKey("job_id")) {
      keep = keep.and(e -> params.get("job_id").contains(Long.toString(e.jobId())));
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (String name : List.of("tags", "tag")) {
      for (String pair : params.getOrDefault(name, List.of())) {
        tags.put(pair.substring(0, pair.indexOf(':')), pair.substring(pair.indexOf(':') + 1));
      }
    }
    keep = keep.and(e -> data.jobs.get(e.jobId()).tags().entrySet().containsAll(tags.entrySet()));
    if (params.containsKey("batch_job_id")) {
      long batchJob = Long.parseLong(params.get("batch_job_id").get(0));
      keep = keep.and(e -> Long.valueOf(batchJob).equals(data.jobs.get(e.jobId()).batchJobId()));
    }
    if (params.containsKey("scheduler_id")) {
      long scheduler = Long.parseLong(params.get("scheduler_id").get(0));
      List<Long> batchJobs = new ArrayList<>();
      for (BatchJob job : data.batchJobs.values()) {
        if (job.schedulerId() != null && job.schedulerId() == scheduler) {
          batchJobs.add(job.id());
        }
      }
      keep = keep.and(e -> batchJobs.contains(data.jobs.get(e.jobId()).batchJobId()));
    }
    for (String state : List.of("from_state", "to_state")) {
      if (params.containsKey(state)) {
        String wanted = params.get(state).get(0);
        keep =
            keep.and(e -> wanted.equals(state.equals("from_state") ? e.fromState() : e.toState()));
      }
    }
    if (params.containsKey("timestamp_after")) {
      Instant after = time(params.get("timestamp_after").get(0));
      keep = keep.and(e -> !e.timestamp().isBefore(after));
    }
    if (params.containsKey("timestamp_before")) {
      Instant before = time(params.get("timestamp_before").get(0));
      keep = keep.and(e -> !e.timestamp().isAfter(before));
    }
    if (params.containsKey("site")) {
      String site = params.get("site").get(0);
      keep = keep.and(e -> site.equals(siteOf(data, data.jobs.get(e.jobId()))));
    }
    if (params.containsKey("app")) {
      String app = params.get("app").get(0);
      keep = keep.and(e -> app.equals(data.apps.get(data.jobs.get(e.jobId()).appId()).name()));
    }
    for (String pair : params.getOrDefault("data", List.of())) {
      String key = pair.substring(0, pair.indexOf(':'));
      String value = pair.substring(pair.indexOf(':') + 1);
      keep = keep.and(e -> value.equals(e.data().get(key)));
    }
    boolean oldestFirst =
        params.getOrDefault("ordering", List.of("-timestamp")).get(0).equals("timestamp");
    List<Expected> out = new ArrayList<>();
    for (Event event : data.events) {
      if (keep.test(event)) {
        Job job = data.jobs.get(event.jobId());
        App app = data.apps.get(job.appId());
        out.add(new Expected(event, siteOf(data, job), app.name(), job.tags()));
      }
    }
    Comparator<Event> order = oldestFirst ? OLDEST_FIRST : NEWEST_FIRST;
    out.sort((a, b) -> order.compare(a.event(), b.event()));
    return out;
  }

  private static String siteOf(SimData data, Job job) {
    return data.sites.get(data.apps.get(job.appId()).siteId()).name();
  }

  /** Naive ISO-8601 is UTC, as Balsam reads it. */
  public static Instant time(String text) {
    return text.endsWith("Z")
        ? Instant.parse(text)
        : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
  }
}

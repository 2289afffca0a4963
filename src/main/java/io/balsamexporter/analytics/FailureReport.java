package io.balsamexporter.analytics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Site;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The failure groups a query selected, newest (by last failure) first, and how many failure events
 * they cover.
 */
public record FailureReport(long total, List<GroupView> groups) {
  /** How many job ids a group lists: the latest, for a look at their events. */
  static final int JOB_IDS = 5;

  private static final JsonFactory JSON = new JsonFactory();

  /**
   * One group as shown.
   *
   * @param returnCode the exit code label, or null for a FAILED of its own cause
   * @param cause the FAILED cause, or null for a RUN_ERROR
   */
  public record GroupView(
      long count,
      String app,
      String state,
      String returnCode,
      String cause,
      String signature,
      long firstMicros,
      long lastMicros,
      List<String> sites,
      List<Long> jobIds,
      String latestError) {}

  /** Writes {@code {"total": …, "groups": [{…}, …]}}, times as ISO-8601 UTC. */
  public void json(OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeNumberField("total", total);
      json.writeArrayFieldStart("groups");
      for (GroupView g : groups) {
        json.writeStartObject();
        json.writeNumberField("count", g.count());
        json.writeStringField("app", g.app());
        json.writeStringField("state", g.state());
        json.writeStringField("returncode", g.returnCode());
        json.writeStringField("cause", g.cause());
        json.writeStringField("signature", g.signature());
        json.writeStringField("first", ReportFormats.isoTime(g.firstMicros()));
        json.writeStringField("last", ReportFormats.isoTime(g.lastMicros()));
        json.writeArrayFieldStart("sites");
        for (String site : g.sites()) {
          json.writeString(site);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("job_ids");
        for (long id : g.jobIds()) {
          json.writeNumber(id);
        }
        json.writeEndArray();
        json.writeStringField("latest_error", g.latestError());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /** Sums the selected events per group, in one pass over the log. */
  static final class Builder {
    private final List<FailureLog.Group> groups;
    private final Map<Long, App> apps;
    private final Map<Long, Site> sites;
    private final Map<Integer, long[]> stats = new HashMap<>(); // count, first, last
    private final Map<Integer, List<long[]>> latestJobs = new HashMap<>(); // (micros, job)
    private long total;

    Builder(List<FailureLog.Group> groups, Map<Long, App> apps, Map<Long, Site> sites) {
      this.groups = groups;
      this.apps = apps;
      this.sites = sites;
    }

    void add(int group, long micros, long jobId) {
      total++;
      long[] s = stats.computeIfAbsent(group, g -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
      s[0]++;
      s[1] = Math.min(s[1], micros);
      s[2] = Math.max(s[2], micros);
      List<long[]> jobs = latestJobs.computeIfAbsent(group, g -> new ArrayList<>(JOB_IDS + 1));
      for (long[] j : jobs) {
        if (j[1] == jobId) {
          j[0] = Math.max(j[0], micros);
          return;
        }
      }
      jobs.add(new long[] {micros, jobId});
      if (jobs.size() > JOB_IDS) {
        jobs.sort(Comparator.comparingLong((long[] j) -> j[0]).reversed());
        jobs.remove(JOB_IDS);
      }
    }

    FailureReport build() {
      List<GroupView> views = new ArrayList<>(stats.size());
      stats.forEach(
          (index, s) -> {
            FailureLog.Group g = groups.get(index);
            App app = apps.get(g.key.appId());
            Site site = app == null ? null : sites.get(app.siteId());
            List<long[]> jobs = latestJobs.get(index);
            jobs.sort(
                Comparator.comparingLong((long[] j) -> j[0])
                    .reversed()
                    .thenComparingLong(j -> j[1]));
            views.add(
                new GroupView(
                    s[0],
                    app == null ? "__unknown__" : app.name(),
                    g.key.state(),
                    g.key.code().isEmpty() ? null : g.key.code(),
                    g.key.cause().isEmpty() ? null : g.key.cause(),
                    g.key.signature(),
                    s[1],
                    s[2],
                    site == null ? List.of() : List.of(site.name()),
                    jobs.stream().map(j -> j[1]).toList(),
                    g.latestError));
          });
      views.sort(
          Comparator.comparingLong(GroupView::lastMicros)
              .reversed()
              .thenComparing(Comparator.comparingLong(GroupView::count).reversed())
              .thenComparing(GroupView::signature));
      return new FailureReport(total, List.copyOf(views));
    }
  }
}

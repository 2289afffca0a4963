package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fetches from Balsam the payloads a page lacks, by {@code job_id}: the one event filter Balsam
 * answers from an index, so a request visits only the events of its (at most 1,000) jobs, never the
 * whole log. The page's time range narrows what is sent back.
 */
final class PayloadFetch {
  static final int JOBS_PER_REQUEST = 1_000;
  private static final int BALSAM_MAX_PAGE = 100_000;

  private PayloadFetch() {}

  /**
   * The payloads of {@code rows} that were missing, by event id; those Balsam did not return stay
   * absent.
   *
   * @throws BalsamException when a request fails: the caller serves the page without them
   */
  static Map<Long, Map<String, Object>> fetch(BalsamApi balsam, List<EventRow> rows)
      throws BalsamException {
    TreeSet<Long> jobIds = new TreeSet<>();
    Map<Long, EventRow> wanted = new HashMap<>();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (EventRow row : rows) {
      if (row.dataState() == EventRow.Data.MISSING) {
        jobIds.add(row.jobId());
        wanted.put(row.id(), row);
        first = Math.min(first, row.micros());
        last = Math.max(last, row.micros());
      }
    }
    Map<Long, Map<String, Object>> found = new HashMap<>();
    if (jobIds.isEmpty()) {
      return found;
    }
    Query base =
        Query.of()
            .with("timestamp_after", BalsamTime.fromMicros(first))
            .with("timestamp_before", BalsamTime.fromMicros(last))
            .with("ordering", "timestamp")
            .with("limit", BALSAM_MAX_PAGE);
    for (Query byJobs : base.split("job_id", new ArrayList<>(jobIds), JOBS_PER_REQUEST)) {
      long offset = 0;
      while (true) {
        Page<Event> page = balsam.events(byJobs.with("offset", offset));
        for (Event event : page.results()) {
          if (wanted.containsKey(event.id())) {
            found.put(event.id(), event.data());
          }
        }
        offset += page.results().size();
        if (page.results().isEmpty() || offset >= page.count()) {
          break;
        }
      }
    }
    return found;
  }
}

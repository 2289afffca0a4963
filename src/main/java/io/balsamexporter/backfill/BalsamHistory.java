package io.balsamexporter.backfill;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.KeysetPager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the backfill reads from Balsam: the catalog and the jobs whole, up front, and then the
 * events in time order, page by page, so that the history never has to fit in memory.
 */
final class BalsamHistory {
  private final BalsamApi api;
  private final int pageSize;

  BalsamHistory(BalsamApi api, int pageSize) {
    this.api = api;
    this.pageSize = pageSize;
  }

  Inventory inventory() throws BalsamException {
    return Inventory.of(readAll(api::sites), readAll(api::apps), readAll(api::batchJobs));
  }

  /** Every job as listed now, with the tag label values of {@code tagKeys}. */
  Collection<JobRecord> jobs(List<String> tagKeys) throws BalsamException {
    // Keyed by id: a job updated while paging is read twice, and the later read wins.
    Map<Long, JobRecord> jobs = new LinkedHashMap<>();
    new KeysetPager<Job>(api::jobs, "last_update", Job::lastUpdate, pageSize)
        .forEach(
            Query.of(),
            null,
            null,
            rows -> rows.forEach(job -> jobs.put(job.id(), JobRecord.of(job, tagKeys))));
    return jobs.values();
  }

  /** Every event up to {@code until} (inclusive; null for all), in (timestamp, id) order. */
  long events(Instant until, KeysetPager.PageConsumer<Event> consumer) throws BalsamException {
    return new KeysetPager<Event>(api::events, "timestamp", Event::timestamp, pageSize)
        .forEach(Query.of(), null, until, consumer);
  }

  /** A small collection read whole; its order is by id, so offset paging is stable enough. */
  private <T> List<T> readAll(KeysetPager.Fetch<T> fetch) throws BalsamException {
    List<T> all = new ArrayList<>();
    for (int offset = 0; ; offset += pageSize) {
      Page<T> page = fetch.fetch(Query.of().with("limit", pageSize).with("offset", offset));
      all.addAll(page.results());
      if (page.results().size() < pageSize) {
        return all;
      }
    }
  }
}

package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the jobs that changed since the last poll, by {@code last_update}, and decides when only a
 * full listing can be trusted. Reads only: the caller applies what it returns.
 */
final class JobSync {

  /**
   * {@code last_update} is the server clock at the write, but a write commits a little later: a
   * short overlap re-reads the rows committed out of order.
   */
  static final Duration COMMIT_OVERLAP = Duration.ofSeconds(5);

  /** A shortfall that persists this many polls means a change was missed: list everything. */
  static final int SHORTFALL_POLLS_BEFORE_RESYNC = 3;

  /** How many ids one {@code ?id=…&id=…} request carries, to keep URLs short. */
  static final int IDS_PER_REQUEST = 200;

  /**
   * Jobs to apply: either changes on top of the index, or the whole listing to replace it.
   *
   * @param shortfallPolls how many polls in a row, this one included, saw fewer jobs than the
   *     server counts; becomes the sync's own figure when the poll is applied
   */
  record Changes(List<JobRecord> jobs, boolean replaceAll, int shortfallPolls) {}

  private final BalsamApi api;
  private final KeysetPager<Job> pager;
  private final List<String> tagKeys;
  private final TagSets tagSets = new TagSets();
  private int shortfallPolls;

  JobSync(BalsamApi api, int pageSize, List<String> tagKeys) {
    this.api = api;
    this.pager = new KeysetPager<>(api::jobs, "last_update", Job::lastUpdate, pageSize);
    this.tagKeys = tagKeys;
  }

  Changes all() throws BalsamException {
    return new Changes(read(null), true, 0);
  }

  Changes changesSince(JobIndex index) throws BalsamException {
    Instant newest = index.newestUpdate();
    if (newest == null) {
      return all();
    }
    List<JobRecord> changed = read(newest.minus(COMMIT_OVERLAP));
    // Counted after the read, so jobs created meanwhile can only make the server's count larger.
    long total = api.jobs(Query.of().with("limit", 0)).count();
    long predicted = index.size() + changed.stream().filter(j -> !index.contains(j.id())).count();
    if (predicted > total) {
      // Only deletions make the index larger than the server: nothing else tells which ones.
      return all();
    }
    int shortfall = predicted < total ? shortfallPolls + 1 : 0;
    if (shortfall >= SHORTFALL_POLLS_BEFORE_RESYNC) {
      return all();
    }
    return new Changes(changed, false, shortfall);
  }

  /** Takes in what a poll applied: part of the step that cannot fail. */
  void applied(Changes changes) {
    shortfallPolls = changes.shortfallPolls();
  }

  /** Jobs that events name but the index lacks: created after the jobs were read. */
  List<JobRecord> byIds(Collection<Long> ids) throws BalsamException {
    List<JobRecord> found = new ArrayList<>();
    List<Long> pending = new ArrayList<>(ids);
    for (int from = 0; from < pending.size(); from += IDS_PER_REQUEST) {
      Query query = Query.of();
      for (long id : pending.subList(from, Math.min(pending.size(), from + IDS_PER_REQUEST))) {
        query = query.with("id", id);
      }
      for (Job job : api.jobs(query).results()) {
        found.add(JobRecord.of(job, tagKeys, tagSets));
      }
    }
    return found;
  }

  private List<JobRecord> read(Instant from) throws BalsamException {
    // Keyed by id: a job updated while paging is read twice, and the later read wins.
    Map<Long, JobRecord> read = new LinkedHashMap<>();
    pager.forEachPipelined(
        Query.of(),
        from,
        null,
        rows -> rows.forEach(job -> read.put(job.id(), JobRecord.of(job, tagKeys, tagSets))));
    return new ArrayList<>(read.values());
  }
}

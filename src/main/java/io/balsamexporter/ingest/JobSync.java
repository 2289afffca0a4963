package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

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

  /**
   * How far the server's {@code Date} may run ahead of the database clock that stamps {@code
   * last_update} (they can be two machines) and still leave no change unread.
   */
  static final Duration SERVER_CLOCK_MARGIN = Duration.ofSeconds(30);

  /** A shortfall that persists this many polls means a change was missed: list everything. */
  static final int SHORTFALL_POLLS_BEFORE_RESYNC = 3;

  /** How many ids one {@code ?id=…&id=…} request carries, to keep URLs short. */
  static final int IDS_PER_REQUEST = 200;

  /**
   * Jobs to apply: either changes on top of the index, or the whole listing to replace it.
   *
   * @param touched the ids of the jobs that are new to the index or whose {@code last_update}
   *     differs from the indexed one: only these can have events the ledger lacks
   * @param shortfallPolls how many polls in a row, this one included, saw fewer jobs than the
   *     server counts; becomes the sync's own figure when the poll is applied
   * @param listedAt a time the server's clock had reached when it started to list them, when it
   *     tells its time; the next poll lists from there (less the margins)
   * @param newestListed the newest {@code last_update} any listing returned so far, where the next
   *     poll lists from (less the overlap); never that of a job read by id, which can be newer than
   *     changes the listing has not reached yet
   */
  record Changes(
      List<JobRecord> jobs,
      boolean replaceAll,
      List<Long> touched,
      int shortfallPolls,
      Optional<Instant> listedAt,
      Optional<Instant> newestListed) {}

  private final BalsamApi api;
  private final int pageSize;
  private final int fullPageSize;
  private final List<String> tagKeys;
  private final TagSets tagSets = new TagSets();
  private int shortfallPolls;
  private Optional<Instant> listedAt = Optional.empty();
  private Optional<Instant> newestListed = Optional.empty();

  JobSync(BalsamApi api, int pageSize, int fullPageSize, List<String> tagKeys) {
    this.api = api;
    this.pageSize = pageSize;
    this.fullPageSize = fullPageSize;
    this.tagKeys = tagKeys;
  }

  /**
   * The oldest {@code last_update} that a change the server commits after {@code serverTime} can
   * carry: {@link #COMMIT_OVERLAP} for a transaction that began before and commits after, {@link
   * #SERVER_CLOCK_MARGIN} for the database clock running behind the one that told the time.
   */
  static Instant changesAfter(Instant serverTime) {
    return serverTime.minus(COMMIT_OVERLAP).minus(SERVER_CLOCK_MARGIN);
  }

  /** Every job, to replace the index with; all of them count as touched. */
  Changes all() throws BalsamException {
    Listed all = read(null);
    return new Changes(
        all.jobs(),
        true,
        all.jobs().stream().map(JobRecord::id).toList(),
        0,
        all.listedAt(),
        newest(all.jobs(), Optional.empty()));
  }

  /**
   * Where the listing of changed jobs starts: {@link #COMMIT_OVERLAP} before the newest {@code
   * last_update} known, so that rows committed out of order are read again; or, once the server's
   * clock has moved past that, the same overlap and {@link #SERVER_CLOCK_MARGIN} before the time it
   * listed last, so that a campaign that went quiet is not read again at every poll.
   */
  static Instant listFrom(Instant newestUpdate, Optional<Instant> lastListedAt) {
    Instant byUpdates = newestUpdate.minus(COMMIT_OVERLAP);
    if (lastListedAt.isEmpty()) {
      return byUpdates;
    }
    Instant byClock = changesAfter(lastListedAt.get());
    return byClock.isAfter(byUpdates) ? byClock : byUpdates;
  }

  /**
   * The jobs changed since the newest {@code last_update} listed so far, less {@link
   * #COMMIT_OVERLAP}; or every job when the server's count shows that the index lost track.
   */
  Changes changesSince(JobIndex index) throws BalsamException {
    if (newestListed.isEmpty()) {
      return all();
    }
    Listed listed = read(listFrom(newestListed.get(), listedAt));
    List<JobRecord> changed = listed.jobs();
    // Counted after the read, so jobs created meanwhile can only make the server's count larger.
    long total = api.jobs(Query.of().with("limit", 0)).count();
    long predicted = index.size() + changed.stream().filter(j -> !index.contains(j.id())).count();
    if (predicted > total) {
      // Only deletions make the index larger than the server: nothing else tells which ones.
      return relisted(index);
    }
    int shortfall = predicted < total ? shortfallPolls + 1 : 0;
    if (shortfall >= SHORTFALL_POLLS_BEFORE_RESYNC) {
      return relisted(index);
    }
    return new Changes(
        changed,
        false,
        touched(changed, index),
        shortfall,
        listed.listedAt(),
        newest(changed, newestListed));
  }

  private Changes relisted(JobIndex index) throws BalsamException {
    Listed all = read(null);
    return new Changes(
        all.jobs(),
        true,
        touched(all.jobs(), index),
        0,
        all.listedAt(),
        newest(all.jobs(), Optional.empty()));
  }

  private static Optional<Instant> newest(List<JobRecord> jobs, Optional<Instant> before) {
    Instant newest = before.orElse(null);
    for (JobRecord job : jobs) {
      if (newest == null || job.lastUpdate().isAfter(newest)) {
        newest = job.lastUpdate();
      }
    }
    return Optional.ofNullable(newest);
  }

  /**
   * The jobs whose events may have changed. The server inserts each event in the transaction that
   * sets its job's {@code last_update}, so a job read again with the same {@code last_update} (the
   * overlap re-reads the newest ones every poll) has no event the index's copy had not.
   */
  private static List<Long> touched(List<JobRecord> read, JobIndex index) {
    List<Long> touched = new ArrayList<>();
    for (JobRecord job : read) {
      JobRecord known = index.get(job.id());
      if (known == null || !known.lastUpdate().equals(job.lastUpdate())) {
        touched.add(job.id());
      }
    }
    return touched;
  }

  /** What the next poll starts from, as {@link #restore} takes it back. */
  Optional<Instant> listedAt() {
    return listedAt;
  }

  Optional<Instant> newestListed() {
    return newestListed;
  }

  int shortfallPolls() {
    return shortfallPolls;
  }

  /** Takes back, after a restart, where the last poll before it left off. */
  void restore(Optional<Instant> listedAt, Optional<Instant> newestListed, int shortfallPolls) {
    this.listedAt = listedAt;
    this.newestListed = newestListed;
    this.shortfallPolls = shortfallPolls;
  }

  /** Takes in what a poll applied: part of the step that cannot fail. */
  void applied(Changes changes) {
    shortfallPolls = changes.shortfallPolls();
    listedAt = changes.listedAt();
    newestListed = changes.newestListed();
  }

  /** Jobs that events name but the index lacks: created after the jobs were read. */
  List<JobRecord> byIds(Collection<Long> ids) throws BalsamException {
    List<JobRecord> found = new ArrayList<>();
    for (Query query : Query.of().split("id", ids, IDS_PER_REQUEST)) {
      for (Job job : api.jobs(query).results()) {
        found.add(JobRecord.of(job, tagKeys, tagSets));
      }
    }
    return found;
  }

  private record Listed(List<JobRecord> jobs, Optional<Instant> listedAt) {}

  private Listed read(Instant from) throws BalsamException {
    // Keyed by id: a job updated while paging is read twice, and the later read wins.
    Map<Long, JobRecord> read = new LinkedHashMap<>();
    // The server's time of the first page, caught on the paging thread; one per listing, so that
    // a request still in flight from an abandoned listing cannot touch the next one's.
    AtomicReference<Optional<Instant>> firstPageTime = new AtomicReference<>();
    KeysetPager<Job> pager =
        new KeysetPager<>(
            query -> {
              Page<Job> page = api.jobs(query);
              firstPageTime.compareAndSet(null, page.serverTime());
              return page;
            },
            "last_update",
            Job::lastUpdate,
            from == null ? fullPageSize : pageSize);
    pager.forEachPipelined(
        Query.of(),
        from,
        null,
        rows -> rows.forEach(job -> read.put(job.id(), JobRecord.of(job, tagKeys, tagSets))));
    Optional<Instant> listedAt = firstPageTime.get();
    return new Listed(
        new ArrayList<>(read.values()), listedAt == null ? Optional.empty() : listedAt);
  }
}

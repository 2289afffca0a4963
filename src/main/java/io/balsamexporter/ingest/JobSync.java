package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import java.time.Clock;
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
 *
 * <p>What a poll costs the server in visits of the user's jobs (balsam-api.md §11: no index on
 * {@code last_update}; a listing is a count and a select, each walking every job, {@code limit=0}
 * only the count):
 *
 * <ul>
 *   <li>once the campaign has been quiet for longer than the overlaps, one count of the jobs
 *       changed since the last poll ({@code limit=0}, one visit); when it is 0 nothing changed, so
 *       nothing is listed. A job reaching a final state, a final job moved back, a job created (and
 *       finished) meanwhile: each moves {@code last_update} into that window;
 *   <li>otherwise, or when that count is not 0, the listing of the changed jobs (two visits);
 *   <li>every {@code jobsCheckInterval}, and at each poll while the last count fell short, the
 *       count of all jobs (one visit): only it shows a deletion (which changes no {@code
 *       last_update}) or a creation the listing missed.
 * </ul>
 *
 * Jobs read by id (those events name) are index lookups.
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
   * @param countedAll true when this read counted all jobs against the index (or listed them all)
   */
  record Changes(
      List<JobRecord> jobs,
      boolean replaceAll,
      List<Long> touched,
      int shortfallPolls,
      Optional<Instant> listedAt,
      Optional<Instant> newestListed,
      boolean countedAll) {}

  private final BalsamApi api;
  private final int pageSize;
  private final int fullPageSize;
  private final List<String> tagKeys;
  private final Clock clock;
  private final Duration countInterval;
  private final TagSets tagSets = new TagSets();
  private int shortfallPolls;
  private Optional<Instant> listedAt = Optional.empty();
  private Optional<Instant> newestListed = Optional.empty();
  // When a poll next counts all jobs; the start of time makes the first poll count.
  private Instant nextCount = Instant.MIN;

  /**
   * @param countInterval how often a poll counts all jobs, to find deletions (zero: every poll)
   */
  JobSync(
      BalsamApi api,
      int pageSize,
      int fullPageSize,
      List<String> tagKeys,
      Clock clock,
      Duration countInterval) {
    this.api = api;
    this.pageSize = pageSize;
    this.fullPageSize = fullPageSize;
    this.tagKeys = tagKeys;
    this.clock = clock;
    this.countInterval = countInterval;
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
        newest(all.jobs(), Optional.empty()),
        true);
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
    Instant from = listFrom(newestListed.get(), listedAt);
    Listed listed = newestListed.get().isBefore(from) ? readIfAny(from) : read(from);
    List<JobRecord> changed = listed.jobs();
    Optional<Instant> newest = newest(changed, newestListed);
    if (clock.instant().isBefore(nextCount) && shortfallPolls == 0) {
      return new Changes(
          changed, false, touched(changed, index), 0, listed.listedAt(), newest, false);
    }
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
        changed, false, touched(changed, index), shortfall, listed.listedAt(), newest, true);
  }

  /**
   * The jobs changed since {@code from}, when the index holds none that recent: first only their
   * count, one visit of the jobs, and when it is 0 nothing more. Every write to a job sets its
   * {@code last_update}, so a count of 0 means that no job was written since {@code from}.
   */
  private Listed readIfAny(Instant from) throws BalsamException {
    Page<Job> count = api.jobs(Query.of().with("last_update_after", from).with("limit", 0));
    if (count.count() > 0) {
      return read(from);
    }
    return new Listed(List.of(), count.serverTime());
  }

  private Changes relisted(JobIndex index) throws BalsamException {
    Listed all = read(null);
    return new Changes(
        all.jobs(),
        true,
        touched(all.jobs(), index),
        0,
        all.listedAt(),
        newest(all.jobs(), Optional.empty()),
        true);
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

  /**
   * Takes back, after a restart, where the last poll before it left off; the next poll counts all
   * jobs, to find those deleted meanwhile.
   */
  void restore(Optional<Instant> listedAt, Optional<Instant> newestListed, int shortfallPolls) {
    this.listedAt = listedAt;
    this.newestListed = newestListed;
    this.shortfallPolls = shortfallPolls;
    this.nextCount = Instant.MIN;
  }

  /** Takes in what a poll applied: part of the step that cannot fail. */
  void applied(Changes changes) {
    shortfallPolls = changes.shortfallPolls();
    listedAt = changes.listedAt();
    newestListed = changes.newestListed();
    if (changes.countedAll()) {
      nextCount = clock.instant().plus(countInterval);
    }
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

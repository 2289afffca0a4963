package io.balsamexporter.analytics;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.FailureData;
import io.balsamexporter.balsam.JobStates;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.IngestSink;
import io.balsamexporter.ingest.PollUpdate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;

/**
 * Every RUN_ERROR and FAILED event counted, as 20 bytes each (time, job, group), and the groups
 * they fall in: app, state, exit code or cause, and error signature. Groups are capped (past {@link
 * #MAX_GROUPS} a failure joins its app's and code's overflow group), each keeps only its latest
 * error text, cut: memory stays bounded however many distinct texts arrive, while every event still
 * counts in some group.
 *
 * <p>A FAILED with no reason of its own, after a RUN_ERROR, joins its RUN_ERROR's exit code and
 * signature with cause {@code run_error}, so that a job that failed for good shows why.
 */
public final class FailureLog implements IngestSink {
  /** Most distinct groups kept before the overflow groups take the rest. */
  public static final int MAX_GROUPS = 2000;

  static final String OVERFLOW_SIGNATURE = "__other__";

  /** What makes a group; {@code code} is the exit code label or empty, {@code cause} likewise. */
  record GroupKey(long appId, String state, String code, String cause, String signature) {}

  /** A group's key and latest error, as the latest event left them. */
  static final class Group {
    final GroupKey key;
    String latestError;
    long latestMicros = Long.MIN_VALUE;

    Group(GroupKey key) {
      this.key = key;
    }
  }

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final BooleanSupplier ready;
  private final Map<GroupKey, Integer> groupCodes = new HashMap<>();
  private final List<Group> groups = new ArrayList<>();
  // A job's last RUN_ERROR group, until its next FAILED takes it or it runs again.
  private final Map<Long, Integer> lastRunError = new HashMap<>();
  private long[] micros = new long[256];
  private long[] jobIds = new long[256];
  private int[] groupOf = new int[256];
  private int size;
  private Map<Long, App> apps = Map.of();
  private Map<Long, Site> sites = Map.of();

  /**
   * @param ready true once the first sync has read the whole history
   */
  public FailureLog(BooleanSupplier ready) {
    this.ready = ready;
  }

  @Override
  public void apply(PollUpdate update) {
    lock.writeLock().lock();
    try {
      for (PollUpdate.CountedEvent counted : update.events()) {
        add(counted);
      }
      update
          .state()
          .ifPresent(
              state -> {
                apps = state.inventory().apps();
                sites = state.inventory().sites();
              });
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void add(PollUpdate.CountedEvent counted) {
    Event event = counted.event();
    long job = event.jobId();
    if (JobStates.RUNNING.equals(event.toState())) {
      lastRunError.remove(job);
      return;
    }
    boolean runError = JobStates.RUN_ERROR.equals(event.toState());
    if (!runError && !JobStates.FAILED.equals(event.toState())) {
      return;
    }
    Map<String, Object> data = event.data();
    String text;
    GroupKey key;
    if (runError) {
      text = ErrorText.clean(string(data.get("error")));
      key =
          new GroupKey(
              counted.appId(),
              JobStates.RUN_ERROR,
              FailureData.returnCode(data),
              "",
              ErrorText.signature(text));
    } else {
      String cause = FailureData.cause(event);
      Integer before = lastRunError.remove(job);
      if (FailureData.RUN_ERROR.equals(cause) && before != null) {
        Group error = groups.get(before);
        text = error.latestError;
        key =
            new GroupKey(
                counted.appId(), JobStates.FAILED, error.key.code(), cause, error.key.signature());
      } else {
        String reason = string(data.get("exception"));
        if (reason.isEmpty()) {
          reason = string(data.get("message"));
        }
        text = ErrorText.clean(reason);
        key = new GroupKey(counted.appId(), JobStates.FAILED, "", cause, ErrorText.signature(text));
      }
    }
    int group = group(key);
    Group g = groups.get(group);
    long at = BalsamTime.toMicros(event.timestamp());
    if (at >= g.latestMicros) {
      g.latestMicros = at;
      g.latestError = text;
    }
    if (runError) {
      lastRunError.put(job, group);
    }
    append(at, job, group);
  }

  private int group(GroupKey key) {
    Integer known = groupCodes.get(key);
    if (known != null) {
      return known;
    }
    GroupKey stored = key;
    if (groups.size() >= MAX_GROUPS) {
      stored = new GroupKey(key.appId(), key.state(), key.code(), key.cause(), OVERFLOW_SIGNATURE);
      known = groupCodes.get(stored);
      if (known != null) {
        return known;
      }
    }
    groups.add(new Group(stored));
    groupCodes.put(stored, groups.size() - 1);
    return groups.size() - 1;
  }

  private void append(long at, long job, int group) {
    if (size == micros.length) {
      micros = Arrays.copyOf(micros, size * 2);
      jobIds = Arrays.copyOf(jobIds, size * 2);
      groupOf = Arrays.copyOf(groupOf, size * 2);
    }
    micros[size] = at;
    jobIds[size] = job;
    groupOf[size] = group;
    size++;
  }

  private static String string(Object value) {
    return value instanceof String s ? s : value == null ? "" : String.valueOf(value);
  }

  /**
   * The groups of the failures {@code query} selects.
   *
   * @param tagged which of the given job ids the query's tags keep (all when it names no tag)
   */
  public FailureReport run(FailureQuery query, TagMatcher tagged)
      throws ReportException, ReportSource.NotReadyException {
    if (!ready.getAsBoolean()) {
      throw new ReportSource.NotReadyException(
          "the first sync of the event history is still running; failures wait for it");
    }
    lock.readLock().lock();
    try {
      Set<Long> appOk = query.appIds(apps.values(), sites.values());
      long since = query.since().map(BalsamTime::toMicros).orElse(Long.MIN_VALUE);
      long until = query.until().map(BalsamTime::toMicros).orElse(Long.MAX_VALUE);
      boolean[] jobOk = query.tags().isEmpty() ? null : tagged.keep(query.tags(), jobIds, size);
      FailureReport.Builder report = new FailureReport.Builder(groups, apps, sites);
      for (int i = 0; i < size; i++) {
        if (micros[i] < since || micros[i] > until || (jobOk != null && !jobOk[i])) {
          continue;
        }
        Group g = groups.get(groupOf[i]);
        if (!appOk(appOk, g.key.appId())) {
          continue;
        }
        report.add(groupOf[i], micros[i], jobIds[i]);
      }
      return report.build();
    } finally {
      lock.readLock().unlock();
    }
  }

  private static boolean appOk(Set<Long> ok, long appId) {
    return ok == null || ok.contains(appId);
  }

  /** Which jobs hold every tag of a filter: Balsam's JSON containment on the jobs' tags. */
  @FunctionalInterface
  public interface TagMatcher {
    /** Per index below {@code n}: whether the job {@code jobIds[i]} holds every tag. */
    boolean[] keep(Map<String, String> tags, long[] jobIds, int n);
  }

  /** Failure events held. */
  public int size() {
    lock.readLock().lock();
    try {
      return size;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Groups held, overflow groups included. */
  public int groupCount() {
    lock.readLock().lock();
    try {
      return groups.size();
    } finally {
      lock.readLock().unlock();
    }
  }
}

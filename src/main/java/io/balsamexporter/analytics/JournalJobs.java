package io.balsamexporter.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs the journal's events belong to, by dense slot: each job's app, tag set and batch job as
 * the job index last saw them. Events are attributed through it when a report runs, so that, as in
 * Balsam's queries, a job's whole history follows its current {@code batch_job_id}.
 */
final class JournalJobs {
  private static final int NO_SLOT = -1;

  // Open addressing, job id -> slot; ids are positive.
  private long[] keys = new long[1 << 10];
  private int[] values = new int[1 << 10];
  private int mask = keys.length - 1;

  private long[] jobIds = new long[1 << 10];
  private long[] appIds = new long[1 << 10];
  private long[] batchJobIds = new long[1 << 10];
  private int[] tagSets = new int[1 << 10];
  private boolean[] deleted = new boolean[1 << 10];
  // The times of each job's first and last event held, so that a query of a few jobs scans only
  // the stretch of the journal they lived in instead of all of it.
  private long[] firstMicros = new long[1 << 10];
  private long[] lastMicros = new long[1 << 10];
  private int size;

  private final Map<Map<String, String>, Integer> tagSetCodes = new HashMap<>();
  private final List<Map<String, String>> tagSetsByCode = new ArrayList<>(List.of(Map.of()));

  JournalJobs() {
    tagSetCodes.put(Map.of(), 0);
  }

  int size() {
    return size;
  }

  /** The slot of {@code jobId}, made (with no app, tags or batch job) if it has none. */
  int slot(long jobId) {
    int found = find(jobId);
    if (found != NO_SLOT) {
      return found;
    }
    if ((size + 1) * 2 > keys.length) {
      rehash(keys.length * 2);
    }
    if (size == jobIds.length) {
      int grown = size * 2;
      jobIds = Arrays.copyOf(jobIds, grown);
      appIds = Arrays.copyOf(appIds, grown);
      batchJobIds = Arrays.copyOf(batchJobIds, grown);
      tagSets = Arrays.copyOf(tagSets, grown);
      deleted = Arrays.copyOf(deleted, grown);
      firstMicros = Arrays.copyOf(firstMicros, grown);
      lastMicros = Arrays.copyOf(lastMicros, grown);
    }
    int slot = size++;
    jobIds[slot] = jobId;
    appIds[slot] = -1;
    firstMicros[slot] = Long.MAX_VALUE;
    lastMicros[slot] = Long.MIN_VALUE;
    placeKey(jobId, slot);
    return slot;
  }

  void update(long jobId, long appId, long batchJobId, Map<String, String> tags) {
    int slot = slot(jobId);
    appIds[slot] = appId;
    batchJobIds[slot] = batchJobId;
    tagSets[slot] = tagSetCodes.computeIfAbsent(tags, t -> addTagSet(t));
    deleted[slot] = false;
  }

  /** Marks every job deleted; the full listing that follows revives those that still exist. */
  void markAllDeleted() {
    Arrays.fill(deleted, 0, size, true);
  }

  /** Which slots {@code criteria} keeps; deleted jobs never, as Balsam deletes their events. */
  boolean[] matching(JobCriteria criteria) {
    boolean[] tagSetOk = new boolean[tagSetsByCode.size()];
    for (int code = 0; code < tagSetOk.length; code++) {
      tagSetOk[code] = criteria.tagsMatch(tagSetsByCode.get(code));
    }
    boolean[] keep = new boolean[size];
    for (int slot = 0; slot < size; slot++) {
      keep[slot] =
          !deleted[slot]
              && tagSetOk[tagSets[slot]]
              && criteria.appMatches(appIds[slot])
              && criteria.batchJobMatches(batchJobIds[slot])
              && (criteria.jobIds() == null || criteria.jobIds().contains(jobIds[slot]));
    }
    return keep;
  }

  /**
   * Per index below {@code n}: whether job {@code jobIds[i]} exists and holds every one of {@code
   * tags}.
   */
  boolean[] holdingTags(Map<String, String> tags, long[] jobIds, int n) {
    Boolean[] setOk = new Boolean[tagSetsByCode.size()];
    boolean[] keep = new boolean[n];
    for (int i = 0; i < n; i++) {
      int slot = find(jobIds[i]);
      if (slot == NO_SLOT || deleted[slot]) {
        continue;
      }
      int code = tagSets[slot];
      if (setOk[code] == null) {
        setOk[code] = tagSetsByCode.get(code).entrySet().containsAll(tags.entrySet());
      }
      keep[i] = setOk[code];
    }
    return keep;
  }

  long jobId(int slot) {
    return jobIds[slot];
  }

  /** The job's app, -1 when the job index has not named it. */
  long appId(int slot) {
    return appIds[slot];
  }

  Map<String, String> tags(int slot) {
    return tagSetsByCode.get(tagSets[slot]);
  }

  boolean[] notDeleted() {
    boolean[] keep = new boolean[size];
    for (int slot = 0; slot < size; slot++) {
      keep[slot] = !deleted[slot];
    }
    return keep;
  }

  /** Widens the time span of {@code slot}'s events to take in one at {@code micros}. */
  void sawEvent(int slot, long micros) {
    firstMicros[slot] = Math.min(firstMicros[slot], micros);
    lastMicros[slot] = Math.max(lastMicros[slot], micros);
  }

  /**
   * The span {@code [first, last]} of the events of the jobs {@code keep} selects, within which
   * every one of their events lies; {@code {MAX_VALUE, MIN_VALUE}} (empty) when they have none.
   */
  long[] span(boolean[] keep) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int slot = 0; slot < size; slot++) {
      if (keep[slot]) {
        first = Math.min(first, firstMicros[slot]);
        last = Math.max(last, lastMicros[slot]);
      }
    }
    return new long[] {first, last};
  }

  long bytes() {
    return keys.length * 12L + jobIds.length * 45L;
  }

  private int addTagSet(Map<String, String> tags) {
    tagSetsByCode.add(tags);
    return tagSetsByCode.size() - 1;
  }

  private int find(long jobId) {
    for (int i = index(jobId); ; i = (i + 1) & mask) {
      if (keys[i] == 0) {
        return NO_SLOT;
      }
      if (keys[i] == jobId) {
        return values[i];
      }
    }
  }

  private void placeKey(long jobId, int slot) {
    int i = index(jobId);
    while (keys[i] != 0) {
      i = (i + 1) & mask;
    }
    keys[i] = jobId;
    values[i] = slot;
  }

  private void rehash(int capacity) {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[capacity];
    values = new int[capacity];
    mask = capacity - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != 0) {
        placeKey(oldKeys[i], oldValues[i]);
      }
    }
  }

  private int index(long jobId) {
    long h = jobId * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}

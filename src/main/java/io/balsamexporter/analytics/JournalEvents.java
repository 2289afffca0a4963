package io.balsamexporter.analytics;

import java.util.ArrayList;
import java.util.List;

/**
 * Every journal event in (timestamp, id) order, as a list of chunks: appending is the common case,
 * a late event goes into the chunk its time falls in, and a report walks the chunks in order.
 */
final class JournalEvents {
  private final List<JournalChunk> chunks = new ArrayList<>();
  private long size;

  long size() {
    return size;
  }

  void add(long micros, int id, int job, int code) {
    size++;
    if (chunks.isEmpty()) {
      chunks.add(new JournalChunk());
    }
    int c = chunkFor(micros, id);
    JournalChunk chunk = chunks.get(c);
    int at = chunk.insertionPoint(micros, id);
    if (chunk.full()) {
      if (at == JournalChunk.CAPACITY && c == chunks.size() - 1) {
        // In order at the end: start a new chunk and leave this one full.
        chunk = new JournalChunk();
        chunks.add(chunk);
        at = 0;
      } else {
        JournalChunk upper = chunk.splitOff();
        chunks.add(c + 1, upper);
        if (at > chunk.size) {
          at -= chunk.size;
          chunk = upper;
        }
      }
    }
    chunk.insert(at, micros, id, job, code);
  }

  /** The last chunk whose first entry is not after (micros, id), or the first chunk. */
  private int chunkFor(long micros, int id) {
    int last = chunks.size() - 1;
    JournalChunk tail = chunks.get(last);
    if (tail.size == 0 || tail.compareTo(0, micros, id) >= 0) {
      return last;
    }
    int low = 0;
    int high = last;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (chunks.get(mid).compareTo(0, micros, id) >= 0) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /** Walks the events with times in [since, until], in order. */
  void forEach(long since, long until, EntryVisitor visitor) {
    for (JournalChunk chunk : chunks) {
      if (chunk.size == 0 || chunk.micros[chunk.size - 1] < since) {
        continue;
      }
      if (chunk.micros[0] > until) {
        return;
      }
      for (int i = 0; i < chunk.size; i++) {
        long time = chunk.micros[i];
        if (time >= since && time <= until) {
          visitor.visit(time, chunk.ids[i], chunk.jobs[i], chunk.packed[i]);
        }
      }
    }
  }

  /**
   * Walks the events with times in [since, until], newest first; events of equal time come in
   * ascending id order, as in Balsam's {@code -timestamp} order, even when they span chunks.
   */
  void forEachDescending(long since, long until, EntryVisitor visitor) {
    if (since > until) {
      return;
    }
    // Start at the newest entry not after until, skipping the newer chunks whole.
    int c = chunks.size() - 1;
    while (c >= 0 && (chunks.get(c).size == 0 || chunks.get(c).micros[0] > until)) {
      c--;
    }
    int i = c >= 0 ? lastNotAfter(chunks.get(c), until) : -1;
    while (c >= 0) {
      if (i < 0) {
        c--;
        i = c >= 0 ? chunks.get(c).size - 1 : -1;
        continue;
      }
      long time = chunks.get(c).micros[i];
      if (time < since) {
        return;
      }
      // Find the first entry of this run of equal times, possibly in an earlier chunk.
      int runChunk = c;
      int runStart = i;
      while (true) {
        if (runStart > 0 && chunks.get(runChunk).micros[runStart - 1] == time) {
          runStart--;
        } else if (runStart == 0 && runChunk > 0 && lastTime(runChunk - 1) == time) {
          runChunk--;
          runStart = chunks.get(runChunk).size - 1;
        } else {
          break;
        }
      }
      if (time <= until) {
        for (int rc = runChunk, ri = runStart; rc < c || (rc == c && ri <= i); ) {
          JournalChunk chunk = chunks.get(rc);
          if (ri >= chunk.size) {
            rc++;
            ri = 0;
            continue;
          }
          visitor.visit(time, chunk.ids[ri], chunk.jobs[ri], chunk.packed[ri]);
          ri++;
        }
      }
      c = runChunk;
      i = runStart - 1;
    }
  }

  /** The index of the last entry of {@code chunk} whose time is not after {@code until}. */
  private static int lastNotAfter(JournalChunk chunk, long until) {
    int low = 0;
    int high = chunk.size;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (chunk.micros[mid] <= until) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low - 1;
  }

  private long lastTime(int c) {
    JournalChunk chunk = chunks.get(c);
    return chunk.size == 0 ? Long.MIN_VALUE : chunk.micros[chunk.size - 1];
  }

  /** The time of the newest event held, {@code Long.MIN_VALUE} when none is. */
  long newestMicros() {
    for (int c = chunks.size() - 1; c >= 0; c--) {
      JournalChunk chunk = chunks.get(c);
      if (chunk.size > 0) {
        return chunk.micros[chunk.size - 1];
      }
    }
    return Long.MIN_VALUE;
  }

  /** Heap held by the columns, spare room of split chunks included. */
  long bytes() {
    return (long) chunks.size() * JournalChunk.CAPACITY * JournalChunk.BYTES_PER_SLOT;
  }

  @FunctionalInterface
  interface EntryVisitor {
    void visit(long micros, int id, int job, int packed);
  }
}

package io.balsamexporter.storage;

import io.balsamexporter.log.LogLine;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When the state file is compacted: once the updates written since its snapshot weigh more than a
 * quarter of the snapshot (and at least {@link #MIN_LOG_BYTES}). The file then stays within 1.25
 * times its snapshot, plus one poll; each byte of snapshot is rewritten once per quarter of its
 * size appended, so a compaction costs, spread over the polls between, four times what they append.
 *
 * <p>The crash tests stop a child exporter at a {@link Step} of a compaction to kill it there; the
 * system properties that make them are read nowhere else.
 */
record CompactionRule(double logRatio, long minLogBytes, Step pauseAt) {
  private static final Logger LOG = LoggerFactory.getLogger(CompactionRule.class);

  static final double LOG_RATIO = 0.25;
  static final long MIN_LOG_BYTES = 1L << 20;

  /** The steps of a compaction, in order. */
  enum Step {
    /** The first frame of the snapshot is written aside; the rest is not. */
    WRITING,
    /** The snapshot is written aside and flushed. */
    WRITTEN,
    /** It is renamed over the state file. */
    RENAMED,
    /** The directory is flushed: the rename is durable. */
    SYNCED
  }

  static CompactionRule standard() {
    return new CompactionRule(LOG_RATIO, MIN_LOG_BYTES, null);
  }

  /** The standard rule, or the one the crash tests ask for with system properties. */
  static CompactionRule configured() {
    String minBytes = System.getProperty("balsam.exporter.test.compaction-min-bytes");
    String pause = System.getProperty("balsam.exporter.test.compaction-pause");
    if (minBytes == null && pause == null) {
      return standard();
    }
    return new CompactionRule(
        LOG_RATIO,
        minBytes == null ? MIN_LOG_BYTES : Long.parseLong(minBytes),
        pause == null ? null : Step.valueOf(pause.toUpperCase(Locale.ROOT)));
  }

  boolean due(long snapshotBytes, long logBytes) {
    return logBytes >= minLogBytes && logBytes > snapshotBytes * logRatio;
  }

  /** Stops here for good when a crash test asked to: it kills the process while it waits. */
  void reached(Step step) {
    if (step != pauseAt) {
      return;
    }
    LOG.info("{}", LogLine.msg("compaction paused for a crash test").with("step", step));
    while (true) {
      try {
        Thread.sleep(Long.MAX_VALUE);
      } catch (InterruptedException e) {
        // Only the kill ends this wait.
      }
    }
  }
}

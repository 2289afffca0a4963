package io.balsamexporter.ingest;

import io.balsamexporter.log.LogLine;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides which poll results deserve a log line: the first failure of an outage (and a change in
 * its kind), the recovery, and the end of the first sync. An unreachable Balsam is logged once per
 * outage, not once per poll.
 */
final class OutageLog {
  private int failedInARow;
  private String failureKind;

  /** The key=value line to log for this result, if any. */
  Optional<String> lineFor(PollResult result, boolean firstSync) {
    if (result.ok()) {
      Optional<LogLine> line = Optional.empty();
      if (firstSync) {
        // A recovery during the first sync is said in the same line: one message, one msg key.
        line =
            Optional.of(
                LogLine.msg(
                        failedInARow > 0
                            ? "Balsam reachable again, first sync done, ready"
                            : "first sync done, ready")
                    .with("events", result.counts().counted() + result.counts().late())
                    .with("duration", result.duration().toMillis() / 1000.0 + "s"));
      } else if (failedInARow > 0) {
        line = Optional.of(LogLine.msg("Balsam reachable again"));
      }
      if (failedInARow > 0) {
        line.get().with("failed_polls", failedInARow);
      }
      failedInARow = 0;
      failureKind = null;
      return line.map(LogLine::toString);
    }
    failedInARow++;
    String kind = result.failure().orElseThrow().kind().name().toLowerCase(Locale.ROOT);
    if (kind.equals(failureKind)) {
      return Optional.empty();
    }
    failureKind = kind;
    return Optional.of(
        LogLine.msg("Balsam poll failed")
            .with("kind", kind)
            .with("error", result.failure().get().getMessage())
            .toString());
  }

  /** Whether the last result was a failure: the line for it is a warning. */
  boolean failing() {
    return failedInARow > 0;
  }
}

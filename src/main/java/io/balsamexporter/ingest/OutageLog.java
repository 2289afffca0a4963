package io.balsamexporter.ingest;

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
      StringBuilder line = new StringBuilder();
      if (failedInARow > 0) {
        line.append("msg=\"Balsam reachable again\" failed_polls=").append(failedInARow);
      }
      if (firstSync) {
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append("msg=\"first sync done, ready\" events=")
            .append(result.counts().counted() + result.counts().late())
            .append(" duration=")
            .append(result.duration().toMillis() / 1000.0)
            .append('s');
      }
      failedInARow = 0;
      failureKind = null;
      return line.length() == 0 ? Optional.empty() : Optional.of(line.toString());
    }
    failedInARow++;
    String kind = result.failure().orElseThrow().kind().name().toLowerCase(Locale.ROOT);
    if (kind.equals(failureKind)) {
      return Optional.empty();
    }
    failureKind = kind;
    return Optional.of(
        "msg=\"Balsam poll failed\" kind="
            + kind
            + " error=\""
            + result.failure().get().getMessage()
            + "\"");
  }

  /** Whether the last result was a failure: the line for it is a warning. */
  boolean failing() {
    return failedInARow > 0;
  }
}

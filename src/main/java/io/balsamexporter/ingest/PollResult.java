package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamException;
import java.time.Duration;
import java.util.Optional;

/** How a poll went: what it counted, or why it failed. */
public record PollResult(Optional<BalsamException> failure, Counts counts, Duration duration) {

  /** Events a poll counted on time, counted late, and read again. */
  public record Counts(long counted, long late, long duplicates) {
    public static final Counts NONE = new Counts(0, 0, 0);

    /** What an update holds: its new events split by lateness, and the duplicates it dropped. */
    public static Counts of(PollUpdate update) {
      long late = update.events().stream().filter(PollUpdate.CountedEvent::late).count();
      return new Counts(update.events().size() - late, late, update.duplicates());
    }

    Counts plus(Counts other) {
      return new Counts(counted + other.counted, late + other.late, duplicates + other.duplicates);
    }
  }

  static PollResult success(Counts counts, Duration duration) {
    return new PollResult(Optional.empty(), counts, duration);
  }

  static PollResult failure(BalsamException cause, Duration duration) {
    return new PollResult(Optional.of(cause), Counts.NONE, duration);
  }

  public boolean ok() {
    return failure.isEmpty();
  }
}

package io.balsamexporter.analytics;

/** Where {@code /api/v1/failures} and the {@code /failures} page get their groups. */
@FunctionalInterface
public interface FailureSource {
  FailureReport failures(FailureQuery query) throws ReportException, ReportSource.NotReadyException;

  /** The failures of {@code log}, their tag filter answered by {@code journal}'s job table. */
  static FailureSource of(FailureLog log, EventJournal journal) {
    return query -> log.run(query, journal::jobsHoldingTags);
  }
}

package io.balsamexporter.analytics;

/** Where {@code /api/v1/events} gets its answers: the exporter's journal, payloads completed. */
@FunctionalInterface
public interface EventLog {

  /**
   * @throws ReportException when the query names what does not exist (an unknown site, say)
   * @throws ReportSource.NotReadyException while the first sync reads the history
   */
  EventPage query(EventQuery query) throws ReportException, ReportSource.NotReadyException;
}

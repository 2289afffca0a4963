package io.balsamexporter.analytics;

import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.log.LogLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The events API's answers: a page from the journal, whose payloads not held in memory are fetched
 * from Balsam for that page's events only. While Balsam is unreachable the page is served as it is,
 * those payloads marked missing, and no request is tried.
 */
public final class EventLogService implements EventLog {
  private static final Logger LOG = LoggerFactory.getLogger(EventLogService.class);

  private final EventJournal journal;
  private final BalsamApi balsam;
  private final BooleanSupplier balsamReachable;

  /**
   * @param balsam where missing payloads are fetched; null fetches none
   * @param balsamReachable false while the exporter's polls cannot reach Balsam: a page then costs
   *     no request (and no wait for retries)
   */
  public EventLogService(EventJournal journal, BalsamApi balsam, BooleanSupplier balsamReachable) {
    this.journal = journal;
    this.balsam = balsam;
    this.balsamReachable = balsamReachable;
  }

  @Override
  public EventPage query(EventQuery query) throws ReportException, ReportSource.NotReadyException {
    EventPage page = journal.events(query);
    if (page.missingPayloads() == 0 || balsam == null || !balsamReachable.getAsBoolean()) {
      return page;
    }
    Map<Long, Map<String, Object>> fetched;
    try {
      fetched = PayloadFetch.fetch(balsam, page.rows());
    } catch (BalsamException e) {
      LOG.warn(
          "{}",
          LogLine.msg("event payloads not fetched; served as missing")
              .with("kind", e.kind())
              .with("error", e.getMessage()));
      return page;
    }
    List<EventRow> rows = new ArrayList<>(page.rows().size());
    for (EventRow row : page.rows()) {
      Map<String, Object> data = fetched.get(row.id());
      rows.add(
          row.dataState() == EventRow.Data.MISSING && data != null
              ? row.withData(data, EventRow.Data.WHOLE)
              : row);
    }
    return page.withRows(rows);
  }
}

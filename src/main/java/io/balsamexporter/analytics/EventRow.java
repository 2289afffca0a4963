package io.balsamexporter.analytics;

import java.util.Map;

/**
 * One event as {@code /api/v1/events} returns it: Balsam's EventLog fields plus its job's site, app
 * and tags as the job index last saw them.
 *
 * @param data the event's payload; empty when {@link Data#MISSING}
 * @param dataState whether {@code data} is the whole payload, one cut to the exporter's byte bound,
 *     or unknown (neither kept in memory nor fetched from Balsam)
 * @param site the site's name, or empty when the job's app is unknown
 */
public record EventRow(
    long id,
    long jobId,
    long micros,
    String fromState,
    String toState,
    Map<String, Object> data,
    Data dataState,
    String site,
    String app,
    Map<String, String> tags) {

  /** How much of an event's payload the exporter could give. */
  public enum Data {
    WHOLE,
    CUT,
    MISSING
  }

  public EventRow withData(Map<String, Object> payload, Data state) {
    return new EventRow(id, jobId, micros, fromState, toState, payload, state, site, app, tags);
  }
}

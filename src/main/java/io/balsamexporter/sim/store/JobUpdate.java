package io.balsamexporter.sim.store;

import java.time.Instant;
import java.util.Map;

/**
 * One item of the bulk {@code PATCH /jobs/}, as a site's StatusUpdater sends it. Null fields are
 * left unchanged; a null {@code stateTimestamp} means "stamp with the server's clock".
 */
public record JobUpdate(
    long id,
    String state,
    Instant stateTimestamp,
    Map<String, Object> stateData,
    Long batchJobId,
    Integer returnCode) {

  public JobUpdate {
    stateData = stateData == null ? Map.of() : stateData;
  }

  /** A state change stamped by the site's clock, as Balsam's launcher and processing send it. */
  public static JobUpdate state(long id, String state, Instant at, Map<String, Object> data) {
    return new JobUpdate(id, state, at, data, null, null);
  }
}

package io.balsamexporter.sim.store;

import java.time.Instant;
import java.util.Map;

/**
 * One item of {@code PATCH /batch-jobs/} (or the body of {@code PUT /batch-jobs/{id}}) as the
 * site's scheduler service sends it; null fields are left unchanged.
 */
public record BatchJobUpdate(
    long id,
    Long schedulerId,
    String state,
    Map<String, String> statusInfo,
    Instant startTime,
    Instant endTime) {

  public static BatchJobUpdate state(long id, String state) {
    return new BatchJobUpdate(id, null, state, null, null, null);
  }
}

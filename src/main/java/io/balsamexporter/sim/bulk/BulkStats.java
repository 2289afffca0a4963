package io.balsamexporter.sim.bulk;

import java.time.Duration;
import java.time.Instant;

/**
 * What {@link BulkBuilder#build} put in the store. {@code lateEvents} counts events stored after an
 * event with a later timestamp (a higher id but an older timestamp).
 */
public record BulkStats(
    int sites,
    int apps,
    int jobs,
    int batchJobs,
    long events,
    long lateEvents,
    Instant from,
    Instant until,
    Duration elapsed) {}

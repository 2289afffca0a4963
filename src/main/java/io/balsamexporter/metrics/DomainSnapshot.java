package io.balsamexporter.metrics;

/**
 * What the state families show as of one poll, immutable: each poll publishes a new one and a
 * scrape draws the families from the one current then. The backfill of history draws past ones
 * through the same code, so live and backfilled series cannot disagree.
 */
public record DomainSnapshot(
    JobMetrics.View jobs,
    BatchJobMetrics.View batchJobs,
    SiteMetrics.View sites,
    FailureMetrics.View failures) {}

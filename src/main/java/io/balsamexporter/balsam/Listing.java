package io.balsamexporter.balsam;

/** The listings the exporter reads, with their canonical paths (trailing slash, no redirect). */
public enum Listing {
  SITES("/sites/"),
  APPS("/apps/"),
  JOBS("/jobs/"),
  BATCH_JOBS("/batch-jobs/"),
  EVENTS("/events/");

  private final String path;

  Listing(String path) {
    this.path = path;
  }

  public String path() {
    return path;
  }
}

package io.balsamexporter.sim.cost;

import java.time.Duration;

/**
 * How long the real server takes to answer a request of a given {@link ServerCost}, times {@code
 * scale}, so that the simulator can take as long: a reader that overlaps its own work with the
 * server's is then measured against a server that is busy the way the real one is, not against one
 * that shares this machine's cores.
 *
 * <p>The rates come from the figures measured on a real Balsam 0.7.0a23 server (PostgreSQL 15,
 * loopback) holding 995,450 jobs and 5,027,950 events of one user: a count of all events took 5.8
 * s, the first page of 100,000 events 15.6 s, a count of all jobs 0.7 s, a page of 100,000 jobs 3.8
 * s. A count is all visits; a page is the visits {@link ServerCost} counts for it (for jobs, the
 * count's and the select's) plus its rows serialised. Other listings (sites, apps, batch jobs:
 * small tables) are taken as free.
 *
 * @param scale the share of the real server's time to take: 1 for the real pace, 0.1 for a tenth
 */
public record ServerPace(double scale) {
  /** No pacing: the simulator answers as fast as it can. */
  public static final ServerPace NONE = new ServerPace(0);

  static final double EVENT_VISIT_NANOS = 5.8e9 / 5_027_950;
  static final double EVENT_SERIALISE_NANOS = (15.6e9 - 5.8e9) / 100_000;
  static final double JOB_VISIT_NANOS = 0.7e9 / 995_450;
  // A page of jobs visits them twice (count and select), as JobListing counts it.
  static final double JOB_SERIALISE_NANOS = (3.8e9 - 2 * 0.7e9) / 100_000;

  public ServerPace {
    if (!(scale >= 0) || Double.isInfinite(scale)) {
      throw new IllegalArgumentException("pace scale must be a finite number >= 0, got " + scale);
    }
  }

  /** The real server's time for a request to {@code path} that cost what the model counts. */
  public Duration of(String path, long rowsVisited, long rowsSerialised) {
    double nanos =
        switch (path) {
          case "/events/" ->
              rowsVisited * EVENT_VISIT_NANOS + rowsSerialised * EVENT_SERIALISE_NANOS;
          case "/jobs/" -> rowsVisited * JOB_VISIT_NANOS + rowsSerialised * JOB_SERIALISE_NANOS;
          default -> 0;
        };
    return Duration.ofNanos(Math.round(nanos * scale));
  }
}

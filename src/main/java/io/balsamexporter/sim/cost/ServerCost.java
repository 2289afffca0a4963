package io.balsamexporter.sim.cost;

/**
 * What a series of requests would cost the real Balsam server (balsam-api.md §11), as the simulator
 * models it:
 *
 * <ul>
 *   <li>{@code rowsVisited}: rows PostgreSQL reads to answer. The server has no index on event
 *       timestamps nor on job {@code last_update}, so every {@code /events/} request, a {@code
 *       limit=0} count included, visits all of the user's events, and every {@code /jobs/} request
 *       all of the user's jobs; {@code id} and {@code job_id} filters are served from an index and
 *       visit only the rows they match. Other indexed filters ({@code jobs.state}, tags) are
 *       modelled as a full visit: an upper bound. Sites, apps and batch jobs visit what they match
 *       (small tables).
 *   <li>{@code rowsSerialised}: rows returned in {@code results}, what bounds a large download (the
 *       server serialises about 7,000 to 14,000 events a second).
 *   <li>{@code bytesSent}: response bodies, headers excluded.
 * </ul>
 */
public record ServerCost(long requests, long rowsVisited, long rowsSerialised, long bytesSent) {
  public static final ServerCost NONE = new ServerCost(0, 0, 0, 0);

  /** The cost of what happened between {@code earlier} and this snapshot. */
  public ServerCost minus(ServerCost earlier) {
    return new ServerCost(
        requests - earlier.requests,
        rowsVisited - earlier.rowsVisited,
        rowsSerialised - earlier.rowsSerialised,
        bytesSent - earlier.bytesSent);
  }

  ServerCost plus(long visited, long serialised, long bytes) {
    return new ServerCost(
        requests + 1, rowsVisited + visited, rowsSerialised + serialised, bytesSent + bytes);
  }
}

package io.balsamexporter.sim.cost;

/**
 * What a series of requests would cost the real Balsam server (balsam-api.md §11), as the simulator
 * models it:
 *
 * <ul>
 *   <li>{@code rowsVisited}: rows PostgreSQL reads to answer. The server has no index on event
 *       timestamps nor on job {@code last_update}, so every {@code /events/} request, a {@code
 *       limit=0} count included, visits all of the user's events; a {@code /jobs/} listing is a
 *       count and a select (none for {@code limit=0}), each walking all of the user's jobs. {@code
 *       id} and {@code job_id} filters are served from an index and visit only the rows they match.
 *       Sites, apps and batch jobs visit what they match (small tables).
 *   <li>{@code jobsVisited}, {@code eventsVisited}: the part of {@code rowsVisited} spent on the
 *       two large tables, where a poll's cost to the server lies.
 *   <li>{@code rowsSerialised}: rows returned in {@code results}, what bounds a large download (the
 *       server serialises about 7,000 to 14,000 events a second).
 *   <li>{@code bytesSent}: response bodies, headers excluded.
 * </ul>
 */
public record ServerCost(
    long requests,
    long rowsVisited,
    long rowsSerialised,
    long bytesSent,
    long jobsVisited,
    long eventsVisited) {
  public static final ServerCost NONE = new ServerCost(0, 0, 0, 0, 0, 0);

  /** The cost of what happened between {@code earlier} and this snapshot. */
  public ServerCost minus(ServerCost earlier) {
    return new ServerCost(
        requests - earlier.requests,
        rowsVisited - earlier.rowsVisited,
        rowsSerialised - earlier.rowsSerialised,
        bytesSent - earlier.bytesSent,
        jobsVisited - earlier.jobsVisited,
        eventsVisited - earlier.eventsVisited);
  }

  ServerCost plus(String path, long visited, long serialised, long bytes) {
    return new ServerCost(
        requests + 1,
        rowsVisited + visited,
        rowsSerialised + serialised,
        bytesSent + bytes,
        jobsVisited + (path.equals("/jobs/") ? visited : 0),
        eventsVisited + (path.equals("/events/") ? visited : 0));
  }
}

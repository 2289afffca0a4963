/**
 * The Balsam API simulator: the project's only stand-in for a real Balsam server, used by {@code
 * --demo} and by every test that talks HTTP.
 *
 * <p>{@link io.balsamexporter.sim.BalsamSimulator} serves a {@link
 * io.balsamexporter.sim.store.SimStore} over real HTTP with the read side, password login and
 * bearer tokens described in balsam-api.md, including the upstream join bugs of §8 for {@code
 * /jobs/?batch_job_id}, {@code /events/?batch_job_id} and {@code /events/?scheduler_id}. {@link
 * io.balsamexporter.sim.api.Faults} makes it unreachable, slow, failing or forgetful of tokens on
 * demand.
 *
 * <p>Known differences from the real server, none of which the exporter depends on: pages under
 * {@code /events/?batch_job_id} or {@code ?scheduler_id} are never shortened by the duplicated join
 * rows (counts are right on both); {@code /sessions/}, {@code /transfers/} and the write routes are
 * not served over HTTP (404 or 405); string orderings ({@code state}, {@code workdir}) compare
 * UTF-16 code units, as PostgreSQL's C collation would, not a locale collation.
 *
 * <p>Cost per request: one pass over the table concerned under the store's read lock, keeping only
 * the requested page ({@link io.balsamexporter.sim.listing.PageCollector}); {@code id} filters on
 * jobs and events are direct lookups. Event listings on time alone ({@code ordering=timestamp} or a
 * bare count, what a poller asks for) are answered from the {@link
 * io.balsamexporter.sim.listing.EventTimeOrder} by binary search and a slice; other event listings
 * with {@code timestamp_after} start their pass where the {@link
 * io.balsamexporter.sim.listing.EventTimeIndex} says the first match can be. Job-side event filters
 * (tags, batch job, another user's sites) cost one extra pass over jobs, or a lookup per event when
 * fewer events than jobs are scanned. Not indexed: {@code job_id}, state and tag filters, which
 * scan their whole table.
 *
 * <p>Cost to the real server: {@link io.balsamexporter.sim.BalsamSimulator#serverCost()} adds up
 * what each request would have cost a real Balsam server, whose costs differ from the simulator's
 * own (it has no index on event timestamps nor job {@code last_update}): rows visited, rows
 * serialised and bytes sent, as {@link io.balsamexporter.sim.cost.ServerCost} models them. Request
 * lines and headers up to 16 KiB are accepted, as uvicorn does behind gunicorn, so {@code
 * /events/?job_id=} with 1,000 ids fits.
 *
 * <p>This package is the simulator's face: {@link io.balsamexporter.sim.BalsamSimulator} and {@link
 * io.balsamexporter.sim.DemoBalsam} are what code outside the simulator uses. Behind them, one way
 * ({@code SimLayoutTest} checks it): {@code api} (HTTP routes, auth, fault switches) uses {@code
 * listing} (listings and event indexes), which uses {@code request} (parameter and error quirks)
 * and {@code store} (the data and its write rules); {@code workload} (the played campaign) uses
 * {@code bulk} (the store built at once), both use {@code catalog} (sites, apps, job shapes) and
 * {@code store}. {@code request}, {@code store} and {@code cost} (the server cost model, used by
 * {@code api}) depend on no other part.
 */
package io.balsamexporter.sim;

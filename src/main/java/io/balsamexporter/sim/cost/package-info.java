/**
 * What the requests served so far would have cost the real server (rows visited, rows serialised,
 * bytes sent), so that the exporter's load on Balsam is designed and measured in tests and the
 * benchmark. Depends on no other part of the simulator.
 */
package io.balsamexporter.sim.cost;

/**
 * What the simulated sites, apps and jobs look like, and the microsecond timeline, shared by the
 * played workload and the bulk builder. May depend on {@code store}.
 */
package io.balsamexporter.sim.catalog;

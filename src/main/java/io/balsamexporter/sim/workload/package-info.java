/**
 * The played workload: a seeded campaign of sites, launchers and jobs stepped in time through the
 * store's write calls. May depend on {@code bulk}, {@code catalog} and {@code store}.
 */
package io.balsamexporter.sim.workload;

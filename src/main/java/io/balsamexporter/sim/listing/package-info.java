/**
 * The listings of sites, apps, jobs, batch jobs and events, with the event time order and index
 * that answer a poller without a full scan. May depend on {@code request} and {@code store}.
 */
package io.balsamexporter.sim.listing;

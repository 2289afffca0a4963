/**
 * The simulator's data under one lock, and its write rules: the job and batch-job state machines,
 * scoping to a user, accounts and recorded fixtures. Depends on no other part of the simulator.
 */
package io.balsamexporter.sim.store;

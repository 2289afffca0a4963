/**
 * Builds a large finished-looking store in one transaction, without playing it in time. May depend
 * on {@code catalog} and {@code store}.
 */
package io.balsamexporter.sim.bulk;

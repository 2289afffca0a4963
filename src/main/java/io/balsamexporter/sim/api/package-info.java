/**
 * The simulated server over HTTP: routing, password login and bearer tokens, object routes, and the
 * fault switches that make it unreachable, slow, failing or forgetful of tokens. May depend on
 * {@code listing}, {@code request} and {@code store}; only the face depends on it.
 */
package io.balsamexporter.sim.api;

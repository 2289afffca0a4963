/**
 * The request plumbing that reproduces the server's parameter and error quirks: query parameters,
 * datetime and LIKE parsing, paging, tag filters, validation errors and JSON answers. Depends on no
 * other part of the simulator.
 */
package io.balsamexporter.sim.request;

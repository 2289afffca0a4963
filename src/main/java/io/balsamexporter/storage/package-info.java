/**
 * What the exporter learnt, kept on disk so that a restart does not read the history again ({@code
 * --storage.path}): the updates of every poll in order, in one append-only file of checksummed
 * frames, replayed through {@link io.balsamexporter.ingest.Poller#restore} at start.
 */
package io.balsamexporter.storage;

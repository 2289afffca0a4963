package io.balsamexporter.bench.store;

import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.PollUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** One of the stores weighed: keeps what the state file keeps, one transaction per update. */
interface EventStore extends AutoCloseable {

  String name();

  /** Writes one update (a page of the first sync, or a poll's), durable when this returns. */
  void write(PollUpdate update, Checkpoint checkpoint) throws Exception;

  /** Gives back the space of replaced rows, as the store offers (vacuum, compaction, copy). */
  void compact() throws Exception;

  /** Bytes on disk now, every file of the store counted. */
  long bytes() throws Exception;

  /**
   * Closes the store, opens it again as a restarted exporter would, and reads every event and job
   * back in order into the objects the exporter keeps.
   */
  ReadBack restart() throws Exception;

  /** What a restart read back. */
  record ReadBack(long events, long jobs, long inventoryItems) {}

  static long bytesUnder(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }
}

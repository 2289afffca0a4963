package io.balsamexporter.ingest;

/**
 * Takes what a poll learnt, all at once. Called only after every request of the poll succeeded, so
 * an implementation sees whole polls or nothing. The metrics are one sink; the reports will be
 * another.
 */
@FunctionalInterface
public interface IngestSink {
  void apply(PollUpdate update);
}

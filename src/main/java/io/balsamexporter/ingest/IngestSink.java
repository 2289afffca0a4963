package io.balsamexporter.ingest;

/**
 * Takes what a poll learnt, all at once: the one way to follow a {@link Poller} ({@link
 * Poller#subscribe}). Called only after every request of the poll succeeded, so an implementation
 * sees whole polls or nothing. The metrics, the reports' journal and the state file are sinks.
 */
@FunctionalInterface
public interface IngestSink {

  /**
   * An update, made by a poll or taken back from the state file at start (then without the cluster
   * state, which comes once the restore ends).
   */
  void apply(PollUpdate update);

  /**
   * An update made by a poll, with the checkpoint a restart resumes from after it. Called in the
   * step that cannot fail: an implementation handles its own failures. Sinks that only follow the
   * updates keep this default; the state file keeps the checkpoint as well.
   */
  default void apply(PollUpdate update, Checkpoint checkpoint) {
    apply(update);
  }
}

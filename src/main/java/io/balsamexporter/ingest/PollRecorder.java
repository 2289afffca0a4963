package io.balsamexporter.ingest;

/**
 * Keeps what each poll applied, so that a restarted exporter can rebuild its state with {@link
 * Poller#restore}. Called after the sinks took the update, in the step that cannot fail: an
 * implementation handles its own failures (and then keeps nothing that a restart could trust).
 */
@FunctionalInterface
public interface PollRecorder {
  PollRecorder NONE = (update, checkpoint) -> {};

  void record(PollUpdate update, Checkpoint checkpoint);
}

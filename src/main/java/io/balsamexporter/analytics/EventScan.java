package io.balsamexporter.analytics;

/**
 * Events a report reads, already narrowed to the jobs and the time range it asks for, in Balsam's
 * {@code ordering=timestamp} order: by timestamp, ties by event id. Jobs are named by a dense index
 * so that a report keeps what it needs per job in plain arrays.
 */
public interface EventScan {

  /** Every job index the scan passes to a visitor is below this. */
  int jobSlots();

  /** Calls {@code visitor} once per event, in order. A scan can be walked more than once. */
  void forEach(Visitor visitor);

  /** The table of the codes the visitor is given for states, to code a report's state filters. */
  StateCodes states();

  /** Takes one event. States are codes of the scan's {@link #states()}. */
  @FunctionalInterface
  interface Visitor {
    /**
     * @param runningNodes {@code data.num_nodes} of an event into RUNNING; NaN when absent or for
     *     other events
     */
    void visit(long micros, int job, int fromState, int toState, double runningNodes);
  }
}

package io.balsamexporter.sim.listing;

/**
 * What the simulator keeps beside the event table to answer {@code /events/} without a pass over
 * every event: the sorted order for listings on time alone, and the scan start for the others.
 */
public record EventIndexes(EventTimeOrder order, EventTimeIndex scanStart) {
  public EventIndexes() {
    this(new EventTimeOrder(), new EventTimeIndex());
  }
}

package io.balsamexporter.sim.cost;

/** Adds up the {@link ServerCost} of every request served; safe across server threads. */
public final class CostMeter {
  private ServerCost total = ServerCost.NONE;

  public synchronized void record(long rowsVisited, long rowsSerialised, long bytesSent) {
    total = total.plus(rowsVisited, rowsSerialised, bytesSent);
  }

  public synchronized ServerCost snapshot() {
    return total;
  }

  public synchronized void reset() {
    total = ServerCost.NONE;
  }
}

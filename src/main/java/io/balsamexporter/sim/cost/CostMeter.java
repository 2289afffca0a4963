package io.balsamexporter.sim.cost;

/** Adds up the {@link ServerCost} of every request served; safe across server threads. */
public final class CostMeter {
  private ServerCost total = ServerCost.NONE;

  /** One request to {@code path} (e.g. {@code /jobs/}) and what answering it cost. */
  public synchronized void record(
      String path, long rowsVisited, long rowsSerialised, long bytesSent) {
    total = total.plus(path, rowsVisited, rowsSerialised, bytesSent);
  }

  public synchronized ServerCost snapshot() {
    return total;
  }

  public synchronized void reset() {
    total = ServerCost.NONE;
  }
}

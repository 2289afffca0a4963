package io.balsamexporter.sim.store;

/**
 * A write the real server refuses with {@code {"detail": …}}: the message is the server's exact
 * detail text, {@link #status()} the HTTP status it answers with (400 for business rules, 404 for a
 * missing app or parent).
 */
public final class SimRejection extends IllegalArgumentException {
  private final int status;

  public SimRejection(int status, String detail) {
    super(detail);
    this.status = status;
  }

  static SimRejection badRequest(String detail) {
    return new SimRejection(400, detail);
  }

  static SimRejection notFound(String detail) {
    return new SimRejection(404, detail);
  }

  public int status() {
    return status;
  }

  public String detail() {
    return getMessage();
  }
}

package io.balsamexporter.sim.api;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import org.eclipse.jetty.io.EndPoint;

/** How the simulator drops a connection the way a server that goes down does. */
public final class Connections {
  private Connections() {}

  /**
   * Drops a connection at once: a client's pooled connection must fail, not hang. A shutdown acts
   * on the socket now, where closing a socket registered with a selector waits for that selector's
   * next select.
   */
  public static void dropAtOnce(EndPoint endPoint) {
    if (endPoint.getTransport() instanceof SocketChannel channel) {
      try {
        channel.shutdownOutput();
        channel.shutdownInput();
      } catch (IOException e) {
        // Already closed by the peer: nothing left to drop.
      }
    }
    endPoint.close();
  }
}

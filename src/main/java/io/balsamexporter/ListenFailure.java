package io.balsamexporter;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Says why the listen address could not be bound. The web server reports every bind failure as
 * "port already in use", also for an unknown host or an address of another machine; asking the
 * operating system again with a plain socket gives the real reason.
 */
final class ListenFailure {
  private ListenFailure() {}

  static IllegalStateException explain(String host, int port, RuntimeException failure) {
    String where = "cannot listen on " + display(host) + ":" + port + ": ";
    InetAddress address;
    try {
      address = host.isEmpty() ? null : InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return new IllegalStateException(where + "unknown host " + host, failure);
    }
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(address, port));
    } catch (BindException e) {
      return new IllegalStateException(where + reason(e.getMessage(), host, port), failure);
    } catch (IOException | SecurityException e) {
      return new IllegalStateException(where + e.getMessage(), failure);
    }
    // The probe could bind, so the address was usable a moment later: say what the server said.
    return new IllegalStateException(where + failure.getMessage(), failure);
  }

  private static String reason(String osMessage, String host, int port) {
    String message = osMessage == null ? "" : osMessage.toLowerCase(java.util.Locale.ROOT);
    if (message.contains("already in use")) {
      return "port " + port + " is already in use by another process";
    }
    if (message.contains("assign requested address") || message.contains("not available")) {
      return host + " is not an address of this machine";
    }
    if (message.contains("permission denied") || message.contains("access")) {
      return "permission denied (ports below 1024 need privileges)";
    }
    return osMessage;
  }

  private static String display(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }
}

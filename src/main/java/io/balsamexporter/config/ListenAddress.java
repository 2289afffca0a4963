package io.balsamexporter.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the exporter listens, written {@code [host]:port} as Prometheus exporters do: {@code
 * :10064} binds every interface, {@code 127.0.0.1:10064} one address, {@code [::1]:10064} an IPv6
 * one.
 *
 * @param host the host or address to bind, without IPv6 brackets; empty binds every interface
 * @param port 0 to 65535; 0 lets the system choose
 */
public record ListenAddress(String host, int port) {
  public static final String EXPECTED_FORM =
      "[host]:port, e.g. :10064, 127.0.0.1:10064 or [::1]:10064";

  private static final Pattern BRACKETED =
      Pattern.compile("\\[([0-9A-Za-z.%]*:[0-9A-Za-z:.%]*)\\]:(\\d{1,5})");
  private static final Pattern PLAIN = Pattern.compile("([A-Za-z0-9._-]*):(\\d{1,5})");

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static ListenAddress parse(String text) {
    Matcher matcher = BRACKETED.matcher(text);
    if (!matcher.matches()) {
      // An unbracketed IPv6 address has several colons and fails here, as it is ambiguous.
      matcher = PLAIN.matcher(text);
      if (!matcher.matches()) {
        throw new IllegalArgumentException("must be " + EXPECTED_FORM);
      }
    }
    int port = Integer.parseInt(matcher.group(2));
    if (port > 65_535) {
      throw new IllegalArgumentException("must have a port between 0 and 65535");
    }
    return new ListenAddress(matcher.group(1), port);
  }
}

package io.balsamexporter.config;

/**
 * Where the exporter serves its pages.
 *
 * @param listenHost the address to bind; empty binds every interface
 * @param listenPort the port to bind
 */
public record WebConfig(String listenHost, int listenPort) {

  public static final String DEFAULT_LISTEN_ADDRESS = ":10064";
}

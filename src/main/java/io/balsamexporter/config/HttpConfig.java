package io.balsamexporter.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where and how the exporter serves its pages.
 *
 * @param listenHost the address to bind; empty binds every interface
 * @param listenPort the port to bind
 * @param webConfigFile the exporter-toolkit web config (TLS, basic auth, headers), checked at the
 *     start and read again when it changes
 */
public record HttpConfig(String listenHost, int listenPort, Optional<Path> webConfigFile) {

  public static final String DEFAULT_LISTEN_ADDRESS = ":10064";
}

package io.balsamexporter.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version and source revision stamped into the jar at build time. */
public record BuildInfo(String version, String revision) {
  private static final String RESOURCE = "/balsam-exporter-build.properties";

  public static BuildInfo fromJar() {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
    return new BuildInfo(
        clean(properties.getProperty("version")), clean(properties.getProperty("revision")));
  }

  private static String clean(String value) {
    return value == null || value.isBlank() || value.startsWith("${") ? "unknown" : value;
  }
}

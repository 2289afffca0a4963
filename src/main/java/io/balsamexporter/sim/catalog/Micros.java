package io.balsamexporter.sim.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The simulated timeline counts microseconds since the epoch, the resolution of the server's
 * timestamps. Shared by the played workload and the bulk builder so that both stamp alike.
 */
public final class Micros {
  private Micros() {}

  public static long toMicros(Duration duration) {
    return duration.toNanos() / 1000;
  }

  public static long toMicros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  public static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}

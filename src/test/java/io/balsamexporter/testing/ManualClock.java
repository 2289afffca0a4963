package io.balsamexporter.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that moves only when a test says so: tests never sleep for time to pass. */
public final class ManualClock extends Clock {
  private final Duration tick;
  private Instant now;

  public ManualClock(Instant start) {
    this(start, Duration.ZERO);
  }

  private ManualClock(Instant start, Duration tick) {
    this.now = start;
    this.tick = tick;
  }

  /** A clock that moves on by {@code tick} each time it is read, as if each step took that long. */
  public static ManualClock ticking(Instant start, Duration tick) {
    return new ManualClock(start, tick);
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  public synchronized void set(Instant instant) {
    now = instant;
  }

  @Override
  public synchronized Instant instant() {
    now = now.plus(tick);
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}

package io.balsamexporter.bench;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands at {@code end} until {@link #start}, then ticks in real time: a seed
 * builds the same campaign on every run only if the campaign ends at the same instant. The
 * benchmarks' clock.
 */
public final class CampaignClock extends Clock {
  private final Instant end;
  private volatile long startedNanos;
  private volatile boolean ticking;

  public CampaignClock(Instant end) {
    this.end = end;
  }

  public void start() {
    startedNanos = System.nanoTime();
    ticking = true;
  }

  @Override
  public Instant instant() {
    return ticking ? end.plusNanos(System.nanoTime() - startedNanos) : end;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("UTC only, not " + zone);
  }
}

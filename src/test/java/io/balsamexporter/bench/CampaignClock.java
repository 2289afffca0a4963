package io.balsamexporter.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands at {@code end} until {@link #start}, then ticks in real time: a seed
 * builds the same campaign on every run only if the campaign ends at the same instant. The
 * benchmarks' clock. {@link #advance} moves it on at once, so that a month of polls can pass in
 * less than a month.
 */
public final class CampaignClock extends Clock {
  private final Instant end;
  private volatile long startedNanos;
  private volatile boolean ticking;
  private volatile long advancedNanos;

  public CampaignClock(Instant end) {
    this.end = end;
  }

  public void start() {
    startedNanos = System.nanoTime();
    ticking = true;
  }

  /**
   * Moves the clock on by {@code step}, as if that much time had passed: only the benchmark's
   * thread advances it, between polls, so a reader never sees it go back.
   */
  public void advance(Duration step) {
    advancedNanos += step.toNanos();
  }

  @Override
  public Instant instant() {
    return ticking ? end.plusNanos(System.nanoTime() - startedNanos + advancedNanos) : end;
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

package io.balsamexporter.sim.workload;

import io.balsamexporter.sim.catalog.Micros;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What every actor of one generated campaign shares: the store and its write calls, the profile,
 * the one seeded random stream and the agenda. Single-threaded by design: only the generator's step
 * runs it, which is what makes a seeded run reproducible.
 */
final class Campaign {
  final SimStore store;
  final SimWrites writes;
  final Profile profile;
  final SplittableRandom random;
  final Timeline timeline;
  private double speed = 1.0;

  Campaign(SimStore store, SimWrites writes, Profile profile, long seed) {
    this.store = store;
    this.writes = writes;
    this.profile = profile;
    this.random = new SplittableRandom(seed);
    this.timeline = new Timeline(serverNow());
  }

  /** The simulated instant of the action being played. */
  long now() {
    return timeline.now();
  }

  /** The server's clock: what it stamps, and when a posted update has landed. */
  long serverNow() {
    return toMicros(store.clock().instant());
  }

  void at(long atMicros, Runnable action) {
    timeline.at(atMicros, action);
  }

  void setSpeed(double speed) {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, got " + speed);
    }
    this.speed = speed;
  }

  /** A campaign duration between {@code min} and {@code max}, shortened by the speed. */
  long between(Duration min, Duration max) {
    long low = toMicros(min);
    long high = Math.max(low, toMicros(max));
    long drawn = low == high ? low : random.nextLong(low, high + 1);
    return Math.max(1, (long) (drawn / speed));
  }

  long scaled(Duration duration) {
    return Math.max(1, (long) (toMicros(duration) / speed));
  }

  long processingDelay() {
    return between(profile.processingDelayMin(), profile.processingDelayMax());
  }

  boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  static long toMicros(Duration duration) {
    return Micros.toMicros(duration);
  }

  static long toMicros(Instant instant) {
    return Micros.toMicros(instant);
  }

  static Instant instant(long micros) {
    return Micros.instant(micros);
  }
}

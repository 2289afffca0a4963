package io.balsamexporter.sim.workload;

import io.balsamexporter.sim.catalog.Catalog;
import java.time.Duration;

/**
 * The pace and the mishaps of a generated campaign. Durations are campaign time at speed 1; a
 * realtime run at speed x divides them by x.
 */
public record Profile(
    String name,
    int sites,
    Duration burstInterval,
    int burstMinJobs,
    int burstMaxJobs,
    Duration runTimeMin,
    Duration runTimeMax,
    Duration processingDelayMin,
    Duration processingDelayMax,
    Duration transferMin,
    Duration transferMax,
    Duration siteCycle,
    Duration queueWaitMin,
    Duration queueWaitMax,
    int batchWallTimeMinutesMin,
    int batchWallTimeMinutesMax,
    int maxActiveBatchJobsPerSite,
    Duration launcherTick,
    Duration launcherIdleTimeout,
    Duration statusFlushInterval,
    double stallProbability,
    Duration stallMin,
    Duration stallMax,
    double runErrorProbability,
    double retryAfterErrorProbability,
    double preprocessFailureProbability,
    double launcherCrashProbability,
    Duration sessionExpiry,
    double batchJobDeletionProbability) {

  public Profile {
    if (sites < 1 || sites > Catalog.sites().size()) {
      throw new IllegalArgumentException(
          "sites must be 1.." + Catalog.sites().size() + ", got " + sites);
    }
    if (burstMinJobs < 1 || burstMaxJobs < burstMinJobs) {
      throw new IllegalArgumentException("burst sizes must satisfy 1 <= min <= max");
    }
  }

  /**
   * For {@code --demo}: at speed 1 jobs move, launchers start and stop and throughput grows within
   * the first minute, on three sites.
   */
  public static Profile demo() {
    return new Profile(
        "demo",
        3,
        Duration.ofSeconds(25),
        8,
        60,
        Duration.ofSeconds(4),
        Duration.ofSeconds(50),
        Duration.ofMillis(300),
        Duration.ofSeconds(3),
        Duration.ofSeconds(2),
        Duration.ofSeconds(15),
        Duration.ofSeconds(5),
        Duration.ofSeconds(3),
        Duration.ofSeconds(25),
        3,
        8,
        5,
        Duration.ofSeconds(1),
        Duration.ofSeconds(45),
        Duration.ofSeconds(2),
        0.04,
        Duration.ofSeconds(5),
        Duration.ofSeconds(20),
        0.03,
        0.5,
        0.01,
        0.05,
        Duration.ofSeconds(60),
        0.05);
  }

  /** Small and quick, with every mishap frequent enough to show up in a few simulated minutes. */
  public static Profile test() {
    return new Profile(
        "test",
        2,
        Duration.ofSeconds(15),
        5,
        25,
        Duration.ofSeconds(2),
        Duration.ofSeconds(25),
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        Duration.ofSeconds(6),
        Duration.ofSeconds(3),
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        1,
        2,
        2,
        Duration.ofSeconds(1),
        Duration.ofSeconds(20),
        Duration.ofSeconds(1),
        0.1,
        Duration.ofSeconds(3),
        Duration.ofSeconds(10),
        0.08,
        0.5,
        0.03,
        0.15,
        Duration.ofSeconds(20),
        0.1);
  }
}

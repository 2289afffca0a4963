package io.balsamexporter.sim.workload;

import io.balsamexporter.sim.catalog.Catalog;
import java.time.Duration;

/**
 * The pace and the mishaps of a generated campaign. Durations are campaign time at speed 1; a
 * realtime run at speed x divides them by x. Built with {@link #builder}, whose steps name each
 * number and set each (min, max) pair together.
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
    return builder("demo")
        .sites(3)
        .burstEvery(Duration.ofSeconds(25))
        .jobsPerBurst(8, 60)
        .runTime(Duration.ofSeconds(4), Duration.ofSeconds(50))
        .processingDelay(Duration.ofMillis(300), Duration.ofSeconds(3))
        .transfer(Duration.ofSeconds(2), Duration.ofSeconds(15))
        .siteCycle(Duration.ofSeconds(5))
        .queueWait(Duration.ofSeconds(3), Duration.ofSeconds(25))
        .batchWallTimeMinutes(3, 8)
        .maxActiveBatchJobsPerSite(5)
        .launcherTick(Duration.ofSeconds(1))
        .launcherIdleTimeout(Duration.ofSeconds(45))
        .statusFlushInterval(Duration.ofSeconds(2))
        .stalls(0.04, Duration.ofSeconds(5), Duration.ofSeconds(20))
        .runErrors(0.03, 0.5)
        .preprocessFailureProbability(0.01)
        .launcherCrashProbability(0.05)
        .sessionExpiry(Duration.ofSeconds(60))
        .batchJobDeletionProbability(0.05)
        .build();
  }

  /** Small and quick, with every mishap frequent enough to show up in a few simulated minutes. */
  public static Profile test() {
    return builder("test")
        .sites(2)
        .burstEvery(Duration.ofSeconds(15))
        .jobsPerBurst(5, 25)
        .runTime(Duration.ofSeconds(2), Duration.ofSeconds(25))
        .processingDelay(Duration.ofMillis(200), Duration.ofSeconds(2))
        .transfer(Duration.ofSeconds(1), Duration.ofSeconds(6))
        .siteCycle(Duration.ofSeconds(3))
        .queueWait(Duration.ofSeconds(2), Duration.ofSeconds(10))
        .batchWallTimeMinutes(1, 2)
        .maxActiveBatchJobsPerSite(2)
        .launcherTick(Duration.ofSeconds(1))
        .launcherIdleTimeout(Duration.ofSeconds(20))
        .statusFlushInterval(Duration.ofSeconds(1))
        .stalls(0.1, Duration.ofSeconds(3), Duration.ofSeconds(10))
        .runErrors(0.08, 0.5)
        .preprocessFailureProbability(0.03)
        .launcherCrashProbability(0.15)
        .sessionExpiry(Duration.ofSeconds(20))
        .batchJobDeletionProbability(0.1)
        .build();
  }

  /** A profile called {@code name}; every step must be taken before {@link Builder#build}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Names each number of a profile. Steps may come in any order; {@link #build} names a step not
   * taken rather than defaulting it, so that a new component cannot be forgotten silently.
   */
  public static final class Builder {
    private final String name;
    private Integer sites;
    private Duration burstInterval;
    private Integer burstMinJobs;
    private Integer burstMaxJobs;
    private Duration runTimeMin;
    private Duration runTimeMax;
    private Duration processingDelayMin;
    private Duration processingDelayMax;
    private Duration transferMin;
    private Duration transferMax;
    private Duration siteCycle;
    private Duration queueWaitMin;
    private Duration queueWaitMax;
    private Integer batchWallTimeMinutesMin;
    private Integer batchWallTimeMinutesMax;
    private Integer maxActiveBatchJobsPerSite;
    private Duration launcherTick;
    private Duration launcherIdleTimeout;
    private Duration statusFlushInterval;
    private Double stallProbability;
    private Duration stallMin;
    private Duration stallMax;
    private Double runErrorProbability;
    private Double retryAfterErrorProbability;
    private Double preprocessFailureProbability;
    private Double launcherCrashProbability;
    private Duration sessionExpiry;
    private Double batchJobDeletionProbability;

    private Builder(String name) {
      this.name = name;
    }

    /** How many of the catalog's sites run jobs. */
    public Builder sites(int sites) {
      this.sites = sites;
      return this;
    }

    /** How often a burst of new jobs is submitted. */
    public Builder burstEvery(Duration interval) {
      this.burstInterval = interval;
      return this;
    }

    public Builder jobsPerBurst(int min, int max) {
      this.burstMinJobs = min;
      this.burstMaxJobs = max;
      return this;
    }

    /** How long a job's application runs. */
    public Builder runTime(Duration min, Duration max) {
      this.runTimeMin = min;
      this.runTimeMax = max;
      return this;
    }

    /** How long a site takes to pre- or postprocess a job. */
    public Builder processingDelay(Duration min, Duration max) {
      this.processingDelayMin = min;
      this.processingDelayMax = max;
      return this;
    }

    /** How long a stage-in or stage-out takes. */
    public Builder transfer(Duration min, Duration max) {
      this.transferMin = min;
      this.transferMax = max;
      return this;
    }

    /** How often a site's scheduler settles, submits and refreshes its batch jobs. */
    public Builder siteCycle(Duration cycle) {
      this.siteCycle = cycle;
      return this;
    }

    /** How long a batch job waits in the scheduler's queue. */
    public Builder queueWait(Duration min, Duration max) {
      this.queueWaitMin = min;
      this.queueWaitMax = max;
      return this;
    }

    public Builder batchWallTimeMinutes(int min, int max) {
      this.batchWallTimeMinutesMin = min;
      this.batchWallTimeMinutesMax = max;
      return this;
    }

    public Builder maxActiveBatchJobsPerSite(int max) {
      this.maxActiveBatchJobsPerSite = max;
      return this;
    }

    /** How often a launcher looks for work. */
    public Builder launcherTick(Duration tick) {
      this.launcherTick = tick;
      return this;
    }

    /** How long a launcher without work waits before it exits. */
    public Builder launcherIdleTimeout(Duration timeout) {
      this.launcherIdleTimeout = timeout;
      return this;
    }

    /** How often launchers and site agents send their jobs' state changes to Balsam. */
    public Builder statusFlushInterval(Duration interval) {
      this.statusFlushInterval = interval;
      return this;
    }

    /** How likely a job is to stall, and for how long. */
    public Builder stalls(double probability, Duration min, Duration max) {
      this.stallProbability = probability;
      this.stallMin = min;
      this.stallMax = max;
      return this;
    }

    /** How likely a run is to end in RUN_ERROR, and an errored job to be retried. */
    public Builder runErrors(double probability, double retryProbability) {
      this.runErrorProbability = probability;
      this.retryAfterErrorProbability = retryProbability;
      return this;
    }

    public Builder preprocessFailureProbability(double probability) {
      this.preprocessFailureProbability = probability;
      return this;
    }

    public Builder launcherCrashProbability(double probability) {
      this.launcherCrashProbability = probability;
      return this;
    }

    /** How long after a launcher crashes the sessions of its stuck jobs expire. */
    public Builder sessionExpiry(Duration expiry) {
      this.sessionExpiry = expiry;
      return this;
    }

    public Builder batchJobDeletionProbability(double probability) {
      this.batchJobDeletionProbability = probability;
      return this;
    }

    public Profile build() {
      return new Profile(
          name,
          required(sites, "sites"),
          required(burstInterval, "burstEvery"),
          required(burstMinJobs, "jobsPerBurst"),
          required(burstMaxJobs, "jobsPerBurst"),
          required(runTimeMin, "runTime"),
          required(runTimeMax, "runTime"),
          required(processingDelayMin, "processingDelay"),
          required(processingDelayMax, "processingDelay"),
          required(transferMin, "transfer"),
          required(transferMax, "transfer"),
          required(siteCycle, "siteCycle"),
          required(queueWaitMin, "queueWait"),
          required(queueWaitMax, "queueWait"),
          required(batchWallTimeMinutesMin, "batchWallTimeMinutes"),
          required(batchWallTimeMinutesMax, "batchWallTimeMinutes"),
          required(maxActiveBatchJobsPerSite, "maxActiveBatchJobsPerSite"),
          required(launcherTick, "launcherTick"),
          required(launcherIdleTimeout, "launcherIdleTimeout"),
          required(statusFlushInterval, "statusFlushInterval"),
          required(stallProbability, "stalls"),
          required(stallMin, "stalls"),
          required(stallMax, "stalls"),
          required(runErrorProbability, "runErrors"),
          required(retryAfterErrorProbability, "runErrors"),
          required(preprocessFailureProbability, "preprocessFailureProbability"),
          required(launcherCrashProbability, "launcherCrashProbability"),
          required(sessionExpiry, "sessionExpiry"),
          required(batchJobDeletionProbability, "batchJobDeletionProbability"));
    }

    private <T> T required(T value, String step) {
      if (value == null) {
        throw new IllegalStateException("profile " + name + " lacks the step " + step);
      }
      return value;
    }
  }
}

package io.balsamexporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Exporter;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.config.IngestConfig;
import io.balsamexporter.sim.BalsamSimulator;
import io.balsamexporter.sim.api.Faults;
import io.balsamexporter.testing.Await;
import io.balsamexporter.testing.SimHarness;
import io.balsamexporter.testing.TestConfigs;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A simulated Balsam with two front ends on one store: the one the exporter under test polls, whose
 * {@link Faults} the test switches, and a clean one that never fails, for exporters that give the
 * ground truth. Both serve the same data at every instant, so an exporter synced from the clean one
 * shows what the faulted exporter must show once it has recovered.
 */
final class FaultStack implements AutoCloseable {
  static final Duration POLL_INTERVAL = Duration.ofMillis(200);
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);

  /** The longest any wait in these tests may take; a fault the exporter never heals fails. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  final SimHarness balsam;
  final Faults faults;
  final BalsamSimulator clean;
  private final List<Exporter> started = new ArrayList<>();

  /** What fresh and twin exporters log in with: the test changes it with the user's password. */
  volatile Credentials groundTruthCredentials = password();

  private FaultStack(SimHarness balsam) {
    this.balsam = balsam;
    this.faults = balsam.simulator.faults();
    this.clean = BalsamSimulator.start(balsam.store);
  }

  /** The recorded dev workload: 199 jobs, 836 events. */
  static FaultStack withDevFixtures() {
    return new FaultStack(SimHarness.withDevFixtures());
  }

  /** Only the user, no data: for workloads the test plays itself. */
  static FaultStack empty() {
    return new FaultStack(SimHarness.empty());
  }

  static ExporterConfig config(
      URI balsamUrl, Credentials credentials, int pageSize, int retries, Duration pollInterval) {
    // Every poll counts all jobs, so that a deletion shows at once whatever the clock does.
    return TestConfigs.countingJobsEvery(
        TestConfigs.pollingEvery(
            TestConfigs.loopback(
                Optional.of(balsamUrl), credentials, pageSize, REQUEST_TIMEOUT, retries),
            pollInterval),
        Duration.ZERO);
  }

  static Credentials.Password password() {
    return new Credentials.Password(SimHarness.USER, SimHarness.PASSWORD);
  }

  /** The exporter under test: polls the faulted front end every {@link #POLL_INTERVAL}. */
  Exporter exporter(int pageSize, int retries) {
    return exporter(
        config(balsam.simulator.baseUrl(), password(), pageSize, retries, POLL_INTERVAL));
  }

  Exporter exporter(ExporterConfig config) {
    try {
      Exporter exporter = Exporter.start(config, balsam.clock);
      started.add(exporter);
      return exporter;
    } catch (Exception e) {
      throw new AssertionError("the exporter did not start: " + e, e);
    }
  }

  /** An exporter that never saw a fault: started now on the clean front end, synced, scraped. */
  Scrape fresh() {
    ExporterConfig config =
        config(
            clean.baseUrl(), groundTruthCredentials, 10_000, 0, IngestConfig.DEFAULT_POLL_INTERVAL);
    try (Exporter fresh = Exporter.start(config, balsam.clock)) {
      assertThat(fresh.awaitReady(PATIENCE)).as("a fresh exporter syncs").isTrue();
      return Scrape.of(fresh.port());
    } catch (Exception e) {
      throw new AssertionError("the fresh exporter failed: " + e, e);
    }
  }

  /** A fault-free exporter kept running next to the one under test, on the clean front end. */
  Exporter twin() {
    Exporter twin = exporter(config(clean.baseUrl(), password(), 10_000, 0, POLL_INTERVAL));
    awaitReady(twin);
    return twin;
  }

  static void awaitReady(Exporter exporter) {
    try {
      assertThat(exporter.awaitReady(PATIENCE)).as("the exporter is ready").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits, checking every 20 ms, until {@code condition} holds; fails after {@link #PATIENCE}. */
  static void await(String what, BooleanSupplier condition) {
    Await.until(what, PATIENCE, condition);
  }

  /**
   * Waits until {@code count} more polls of {@code result} have ended than {@code from} shows: with
   * two, the later one started after everything the test did before calling this.
   */
  static Scrape awaitPolls(Exporter exporter, Scrape from, String result, int count) {
    double target = from.polls(result) + count;
    Scrape[] last = {from};
    await(
        count + " more polls ending " + result,
        () -> (last[0] = Scrape.of(exporter.port())).polls(result) >= target);
    return last[0];
  }

  static void sleep(Duration duration) {
    Await.pause(duration);
  }

  @Override
  public void close() {
    started.forEach(Exporter::close);
    clean.close();
    balsam.close();
  }
}

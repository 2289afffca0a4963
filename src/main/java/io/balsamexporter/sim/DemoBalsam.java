package io.balsamexporter.sim;

import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimWrites;
import io.balsamexporter.sim.workload.Profile;
import io.balsamexporter.sim.workload.WorkloadGenerator;
import java.net.URI;

/**
 * The Balsam that {@code --demo} runs: the simulator on loopback, with a workload generator playing
 * a small campaign in real time, and a demo user for the exporter to log in as.
 */
public final class DemoBalsam implements AutoCloseable {
  private static final String USER = "demo";
  private static final String PASSWORD = "demo-password";
  private static final long SEED = 20261126L;

  private final BalsamSimulator simulator;
  private final AutoCloseable workload;

  private DemoBalsam(BalsamSimulator simulator, AutoCloseable workload) {
    this.simulator = simulator;
    this.workload = workload;
  }

  public static DemoBalsam start() {
    SimStore store = new SimStore();
    long user = SimAccounts.register(store, USER, PASSWORD);
    WorkloadGenerator generator =
        new WorkloadGenerator(store, new SimWrites(store), user, SEED, Profile.demo());
    AutoCloseable workload = generator.startRealtime(1.0);
    return new DemoBalsam(BalsamSimulator.start(store), workload);
  }

  public URI url() {
    return simulator.baseUrl();
  }

  public String username() {
    return USER;
  }

  public Credentials credentials() {
    return new Credentials.Password(USER, PASSWORD);
  }

  @Override
  public void close() {
    try {
      workload.close();
    } catch (Exception e) {
      // Stopping a demo must not fail the shutdown; the workload thread is a daemon anyway.
    }
    simulator.close();
  }
}

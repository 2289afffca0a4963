package io.balsamexporter.bench.store;

import io.balsamexporter.Exporter;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamClients;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.bench.CampaignClock;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.config.IngestConfig;
import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.IngestSink;
import io.balsamexporter.ingest.PollResult;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.sim.BalsamSimulator;
import io.balsamexporter.sim.bulk.BulkBuilder;
import io.balsamexporter.sim.bulk.BulkStats;
import io.balsamexporter.sim.store.NewJob;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimWrites;
import io.balsamexporter.storage.StateFile;
import io.balsamexporter.testing.TempTrees;
import io.balsamexporter.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Weighs embedded stores against the state file on the same updates: a bulk campaign of N jobs in
 * the simulator, read by the exporter's poller over loopback, each update handed to every store in
 * turn (the state file as the exporter writes it, SQLite, H2's MVStore, LMDB), each store's time
 * measured apart. Then polls that each bring new jobs while every site refreshes, a compaction of
 * each, and a restart that reads each store back. Prints one Markdown table for BENCHMARKS.md.
 *
 * <p>Arguments as the bench profile passes them to {@code bench.main}: {@code [jobs]
 * [first-sync-page-size] [seed]}, default 100000 100000 1; the rest are ignored.
 */
public final class StoreBenchmark {
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password";
  private static final int NEW_JOBS_PER_POLL = 100;
  private static final int POLLS = 20;

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : IngestConfig.MAX_PAGE_SIZE;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    Path dir = Files.createTempDirectory("store-bench");
    try {
      run(jobs, pageSize, seed, dir);
    } finally {
      TempTrees.deleteQuietly(dir);
    }
  }

  private static void run(int jobs, int pageSize, long seed, Path dir) throws Exception {
    CampaignClock clock = new CampaignClock(Instant.parse("2026-11-26T12:00:00Z"));
    SimStore sim = new SimStore(clock);
    long owner = SimAccounts.register(sim, USER, PASSWORD);
    BulkStats built = new BulkBuilder(sim, owner, jobs, seed).build();
    clock.start();
    try (BalsamSimulator simulator = BalsamSimulator.start(sim)) {
      ExporterConfig config =
          TestConfigs.loopback(
              Optional.of(simulator.baseUrl()),
              new Credentials.Password(USER, PASSWORD),
              IngestConfig.DEFAULT_PAGE_SIZE,
              pageSize,
              Duration.ofMinutes(5),
              2);
      BalsamApi api = BalsamClients.create(config.balsam().target(), (e, c) -> {}, clock);
      StateFile.Identity identity =
          new StateFile.Identity(simulator.baseUrl().toString(), USER, Instant.EPOCH, List.of());
      List<Measured> stores = new ArrayList<>();
      stores.add(new Measured(new StateFileStore(dir.resolve("statefile"), identity, clock)));
      stores.add(new Measured(new SqliteStore(Files.createDirectories(dir.resolve("sqlite")))));
      stores.add(new Measured(new MvStoreStore(Files.createDirectories(dir.resolve("mvstore")))));
      String lmdbProblem = null;
      try {
        stores.add(new Measured(new LmdbStore(dir.resolve("lmdb"))));
      } catch (Throwable e) {
        // A native library that does not load is a finding, not a failure of the benchmark.
        lmdbProblem = e.toString();
      }
      Poller poller = new Poller(api, Exporter.ingestSettings(config), clock);
      poller.restoreDone();
      poller.subscribe(new Fanout(stores));

      PollResult sync = poller.pollOnce();
      require(sync);
      long events = sync.counts().counted() + sync.counts().late();
      for (Measured m : stores) {
        m.syncNanos = m.nanos;
        m.syncBytes = m.store.bytes();
      }

      SimWrites writes = SimWrites.forUser(sim, owner);
      List<Site> sites = api.sites(Query.of()).results();
      long appId = api.apps(Query.of()).results().get(0).id();
      long pollEvents = 0;
      for (int i = 0; i < POLLS; i++) {
        for (Site site : sites) {
          writes.refreshSite(site.id(), null, null);
        }
        List<NewJob> fresh = new ArrayList<>();
        for (int j = 0; j < NEW_JOBS_PER_POLL; j++) {
          fresh.add(NewJob.of("bench/poll" + i + "/" + j, appId, Map.of()));
        }
        writes.createJobs(fresh);
        stores.forEach(m -> m.nanos = 0);
        PollResult poll = poller.pollOnce();
        require(poll);
        pollEvents += poll.counts().counted() + poll.counts().late();
        for (Measured m : stores) {
          m.pollNanos.add(m.nanos);
        }
      }
      for (Measured m : stores) {
        m.beforeCompaction = m.store.bytes();
        long started = System.nanoTime();
        m.store.compact();
        m.compactNanos = System.nanoTime() - started;
        m.compactedBytes = m.store.bytes();
        started = System.nanoTime();
        m.readBack = m.store.restart();
        m.restartNanos = System.nanoTime() - started;
        m.store.close();
      }
      print(jobs, built, events, POLLS, pollEvents, stores, lmdbProblem);
    }
  }

  /** Hands each update to every store, timing each apart. */
  private record Fanout(List<Measured> stores) implements IngestSink {
    @Override
    public void apply(PollUpdate update) {}

    @Override
    public void apply(PollUpdate update, Checkpoint checkpoint) {
      for (Measured m : stores) {
        long started = System.nanoTime();
        try {
          m.store.write(update, checkpoint);
        } catch (Exception e) {
          throw new IllegalStateException(m.store.name() + " failed to write", e);
        }
        m.nanos += System.nanoTime() - started;
      }
    }
  }

  /** A store and what was measured of it. */
  private static final class Measured {
    final EventStore store;
    long nanos;
    long syncNanos;
    long syncBytes;
    final List<Long> pollNanos = new ArrayList<>();
    long beforeCompaction;
    long compactNanos;
    long compactedBytes;
    long restartNanos;
    EventStore.ReadBack readBack;

    Measured(EventStore store) {
      this.store = store;
    }
  }

  private static void print(
      int jobs,
      BulkStats built,
      long events,
      int polls,
      long pollEvents,
      List<Measured> stores,
      String lmdbProblem) {
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(
        "%n%,d jobs, %,d events counted by the first sync (%,d built); %d polls of %d new jobs"
            + " each while every site refreshes, %,d events in all; Java %s, %d cores, max heap"
            + " %,d MB%n%n",
        jobs,
        events,
        built.events(),
        polls,
        NEW_JOBS_PER_POLL,
        pollEvents,
        Runtime.version(),
        runtime.availableProcessors(),
        runtime.maxMemory() >> 20);
    System.out.println(
        "| store | first sync, writing | bytes/event after sync | poll write (median, max)"
            + " | bytes/event before compaction | compaction | bytes/event after |"
            + " restart: read back | read back |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    for (Measured m : stores) {
      List<Long> sorted = new ArrayList<>(m.pollNanos);
      sorted.sort(null);
      System.out.printf(
          "| %s | %s | %.1f | %s, %s | %.1f | %s | %.1f | %s | %,d events, %,d jobs, %,d"
              + " inventory rows or deltas |%n",
          m.store.name(),
          time(m.syncNanos),
          (double) m.syncBytes / events,
          time(sorted.get(sorted.size() / 2)),
          time(sorted.get(sorted.size() - 1)),
          (double) m.beforeCompaction / (events + pollEvents),
          time(m.compactNanos),
          (double) m.compactedBytes / (events + pollEvents),
          time(m.restartNanos),
          m.readBack.events(),
          m.readBack.jobs(),
          m.readBack.inventoryItems());
    }
    if (lmdbProblem != null) {
      System.out.println("\nLMDB did not load: " + lmdbProblem);
    }
  }

  private static String time(long nanos) {
    double s = nanos / 1e9;
    return s < 1 ? String.format("%.1f ms", s * 1000) : String.format("%.1f s", s);
  }

  private static void require(PollResult poll) {
    if (!poll.ok()) {
      throw new IllegalStateException("poll failed", poll.failure().get());
    }
  }
}

package io.balsamexporter.bench;

import io.balsamexporter.Exporter;
import io.balsamexporter.analytics.EventJournal;
import io.balsamexporter.analytics.EventLogService;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamClients;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.config.IngestConfig;
import io.balsamexporter.http.ExporterServer;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.sim.BalsamSimulator;
import io.balsamexporter.sim.bulk.BulkBuilder;
import io.balsamexporter.sim.cost.ServerCost;
import io.balsamexporter.sim.cost.ServerPace;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.ManualClock;
import io.balsamexporter.testing.TestConfigs;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guide's EventLog queries asked of the exporter's {@code /api/v1/events} over loopback HTTP
 * (median of five, payloads included, a page of 1,000) beside what the same query would cost Balsam
 * in the simulator's model of the real server, and the heap the journal takes with its payloads.
 * Run with {@code -Pbench -Dbench.main=io.balsamexporter.bench.EventQueryBenchmark}.
 */
public final class EventQueryBenchmark {
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password";
  private static final Instant END = Instant.parse("2026-11-26T12:00:00Z");
  private static final int RUNS = 5;
  // One warm-up left the first queries' times to the JIT: three make the order not matter.
  private static final int WARM_UPS = 3;

  private EventQueryBenchmark() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    ManualClock clock = new ManualClock(END);
    SimStore store = new SimStore(clock);
    long owner = SimAccounts.register(store, USER, PASSWORD);
    new BulkBuilder(store, owner, jobs, seed).build();
    try (BalsamSimulator simulator = BalsamSimulator.start(store)) {
      ExporterConfig config =
          TestConfigs.loopback(
              Optional.of(simulator.baseUrl()),
              new Credentials.Password(USER, PASSWORD),
              IngestConfig.DEFAULT_PAGE_SIZE,
              IngestConfig.MAX_PAGE_SIZE,
              Duration.ofMinutes(5),
              2);
      BalsamApi api = BalsamClients.create(config.balsam().target(), RequestObserver.NONE, clock);
      Poller poller = new Poller(api, Exporter.ingestSettings(config), clock);
      long before = usedHeapAfterGc();
      EventJournal journal = new EventJournal(poller::synced);
      poller.subscribe(journal);
      while (!poller.synced()) {
        clock.advance(Duration.ofSeconds(15));
        if (!poller.pollOnce().ok()) {
          throw new IllegalStateException("first sync failed");
        }
      }
      long journalHeap = usedHeapAfterGc() - before;
      try (ExporterServer server =
          ExporterServer.builder("127.0.0.1", 0)
              .reports(journal)
              .events(new EventLogService(journal, api, () -> true))
              .start()) {
        Http balsam = Http.at(simulator.baseUrl());
        String token = balsam.login(USER, PASSWORD);
        System.out.printf(
            "%n%,d jobs, %,d events; Java %s, %d cores%n%n",
            jobs, journal.size(), Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println(
            "| query (limit=1000) | exporter, median of 5 | matches | exporter's payload requests"
                + " / rows visited | Balsam, modelled | Balsam's rows visited | Balsam's matches |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<String, String> query : queries(store, clock.instant()).entrySet()) {
          measure(query.getKey(), query.getValue(), server.port(), simulator, balsam, token);
        }
        System.out.printf(
            "%njournal: %,d events; columns, job slots, counted ring and payloads %,d MB by their"
                + " sizes; heap grown by the first sync with the journal fed %,d MB%n",
            journal.size(), journal.bytes() >> 20, journalHeap >> 20);
      }
    }
  }

  /** The guide's examples, named as in BENCHMARKS.md, with values the campaign has. */
  private static Map<String, String> queries(SimStore store, Instant now) {
    Map<Long, Long> runsIn = new HashMap<>();
    List<Long> jobIds = new ArrayList<>();
    Map<Long, Long> schedulerOf = new HashMap<>();
    String tag =
        store.read(
            d -> {
              for (Job job : d.jobs.values()) {
                if (job.batchJobId() != null) {
                  runsIn.merge(job.batchJobId(), 1L, Long::sum);
                }
              }
              for (BatchJob batchJob : d.batchJobs.values()) {
                if (batchJob.schedulerId() != null) {
                  schedulerOf.put(batchJob.id(), batchJob.schedulerId());
                }
              }
              d.jobs.keySet().stream().skip(d.jobs.size() / 2).limit(2).forEach(jobIds::add);
              Map.Entry<String, String> first =
                  d.jobs.firstEntry().getValue().tags().entrySet().iterator().next();
              return first.getKey() + ":" + first.getValue();
            });
    long batchJob =
        runsIn.entrySet().stream()
            .filter(e -> schedulerOf.containsKey(e.getKey()))
            .max(Map.Entry.comparingByValue())
            .orElseThrow()
            .getKey();
    String dayAgo =
        LocalDateTime.ofInstant(now.minus(Duration.ofDays(1)), ZoneOffset.UTC).toString();
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("newest event, with the total count (`limit=1`)", "limit=1");
    queries.put("`to_state=RUN_ERROR`", "to_state=RUN_ERROR");
    queries.put("`tags=" + tag + "`", "tags=" + tag);
    queries.put("`timestamp_after=<a day ago>`", "timestamp_after=" + dayAgo);
    queries.put(
        "`from_state=RESTART_READY&to_state=RUNNING`", "from_state=RESTART_READY&to_state=RUNNING");
    queries.put("`batch_job_id=" + batchJob + "`", "batch_job_id=" + batchJob);
    queries.put(
        "`scheduler_id=" + schedulerOf.get(batchJob) + "`",
        "scheduler_id=" + schedulerOf.get(batchJob));
    queries.put(
        "`job_id=" + jobIds.get(0) + "&job_id=" + jobIds.get(1) + "`",
        "job_id=" + jobIds.get(0) + "&job_id=" + jobIds.get(1));
    return queries;
  }

  private static void measure(
      String name, String query, int port, BalsamSimulator simulator, Http balsam, String token) {
    String path = "/api/v1/events?" + (query.startsWith("limit=") ? query : query + "&limit=1000");
    for (int i = 0; i < WARM_UPS; i++) {
      Http.get(port, path);
    }
    simulator.resetServerCost();
    List<Duration> times = new ArrayList<>();
    String count = "";
    for (int i = 0; i < RUNS; i++) {
      long started = System.nanoTime();
      HttpResponse<byte[]> response = Http.get(port, path);
      times.add(Duration.ofNanos(System.nanoTime() - started));
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode());
      }
      count = response.headers().firstValue("X-Total-Count").orElse("?");
    }
    ServerCost ours = simulator.serverCost();
    simulator.resetServerCost();
    HttpResponse<String> theirs =
        balsam.get(
            "/events/?" + (query.startsWith("limit=") ? query : query + "&limit=1000"), token);
    ServerCost cost = simulator.serverCost();
    Duration modelled = new ServerPace(1).of("/events/", cost.rowsVisited(), cost.rowsSerialised());
    // Balsam's own answer counts a second time, as its page does (count and page are two scans).
    Duration withCount =
        cost.rowsVisited() > cost.rowsSerialised()
            ? modelled.plus(new ServerPace(1).of("/events/", cost.rowsVisited(), 0))
            : modelled;
    String theirCount = Http.json(theirs).get("count").asText();
    System.out.printf(
        "| %s | %s | %,d | %d / %,d | %s | %,d | %,d |%n",
        name,
        millis(median(times)),
        Long.parseLong(count),
        ours.requests() / RUNS,
        ours.rowsVisited() / RUNS,
        seconds(withCount),
        cost.rowsVisited(),
        Long.parseLong(theirCount));
  }

  private static Duration median(List<Duration> durations) {
    List<Duration> sorted = new ArrayList<>(durations);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static String millis(Duration d) {
    return String.format("%.1f ms", d.toNanos() / 1e6);
  }

  private static String seconds(Duration d) {
    double s = d.toNanos() / 1e9;
    return s < 1 ? String.format("%.0f ms", s * 1000) : String.format("%.1f s", s);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}

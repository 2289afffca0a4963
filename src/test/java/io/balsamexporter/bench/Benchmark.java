package io.balsamexporter.bench;

import io.balsamexporter.Exporter;
import io.balsamexporter.analytics.EventJournal;
import io.balsamexporter.analytics.FailureLog;
import io.balsamexporter.analytics.Overview;
import io.balsamexporter.analytics.Report;
import io.balsamexporter.analytics.ReportFormat;
import io.balsamexporter.analytics.ReportKind;
import io.balsamexporter.analytics.ReportParams;
import io.balsamexporter.analytics.ReportRequest;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.BalsamClients;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Query;
import io.balsamexporter.config.ExporterConfig;
import io.balsamexporter.config.IngestConfig;
import io.balsamexporter.ingest.PollResult;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.BalsamSimulator;
import io.balsamexporter.sim.bulk.BulkBuilder;
import io.balsamexporter.sim.bulk.BulkStats;
import io.balsamexporter.sim.cost.ServerCost;
import io.balsamexporter.sim.cost.ServerPace;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.sim.store.SimStore;
import io.balsamexporter.sim.store.SimWrites;
import io.balsamexporter.storage.StateFile;
import io.balsamexporter.testing.Await;
import io.balsamexporter.testing.BoundedProcess;
import io.balsamexporter.testing.ChildExporter;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.TempTrees;
import io.balsamexporter.testing.TestConfigs;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How fast and how big: builds a campaign of N jobs in the simulator, then has the exporter's
 * poller read it over HTTP on loopback, poll it idle, and render /metrics. Prints one Markdown
 * table; BENCHMARKS.md says how to run it and keeps the figures.
 *
 * <p>Arguments: {@code [jobs] [first-sync-page-size] [seed] [process-heap]}, default 100000 100000
 * 1 512m (the {@code -Xmx} of the exporter run as a process of its own); the plain client pages at
 * the first sync's size.
 */
public final class Benchmark {
  private static final String USER = "bench";
  private static final String PASSWORD = "bench-password";
  private static final int IDLE_POLLS = 5;
  private static final int SCRAPES = 5;
  private static final int REPORTS = 5;
  private static final int STARTS = 5;

  /** The exporter as users run it: {@code ./mvnw package} builds it. */
  private static final Path JAR = Path.of("target", "balsam-exporter.jar");

  /** The long run's step between polls: the exporter's default poll interval. */
  private static final Duration POLL_INTERVAL = IngestConfig.DEFAULT_POLL_INTERVAL;

  /**
   * The campaign ends "now" on this clock, which stands at a fixed instant until the bulk build is
   * done and ticks in real time from there: the generator's late events and site stalls depend on
   * the exact instant the campaign ends (a millisecond earlier or later changes a few), so a seed
   * builds the same campaign on every run only if that instant is the same.
   */
  private static final CampaignClock CLOCK =
      new CampaignClock(Instant.parse("2026-11-26T12:00:00Z"));

  private final List<String[]> rows = new ArrayList<>();

  /**
   * Polls of the long run with {@code --storage.path}; a month of 15 s polls is 172,800. Each costs
   * an idle poll's time, so the default is a few compactions' worth, not a month's.
   */
  private static final int LONG_RUN_POLLS = 2_000;

  /** The {@code -Xmx} of the exporter run as a process of its own. */
  private final String processHeap;

  private final int longRunPolls;

  /** The class data sharing archive that {@link #startUp} trains. */
  private final Path classArchive;

  private Benchmark(String processHeap, int longRunPolls, Path classArchive) {
    this.processHeap = processHeap;
    this.longRunPolls = longRunPolls;
    this.classArchive = classArchive;
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int pageSize = args.length > 1 ? Integer.parseInt(args[1]) : IngestConfig.MAX_PAGE_SIZE;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    String processHeap = args.length > 3 ? args[3] : "512m";
    // A tenth of the real server's pace keeps the paced runs near ten seconds each at 100,000
    // jobs; at a million they would take minutes each, so they run there only when asked.
    double paceScale =
        args.length > 4 && !args[4].isBlank()
            ? Double.parseDouble(args[4])
            : jobs <= 200_000 ? 0.1 : 0;
    int longRunPolls =
        args.length > 5 && !args[5].isBlank() ? Integer.parseInt(args[5]) : LONG_RUN_POLLS;
    Path work = Files.createTempDirectory("bench-cds");
    try {
      new Benchmark(processHeap, longRunPolls, work.resolve("balsam-exporter.jsa"))
          .run(jobs, pageSize, seed, new ServerPace(paceScale));
    } finally {
      TempTrees.deleteQuietly(work);
    }
  }

  private void run(int jobs, int pageSize, long seed, ServerPace pace) throws Exception {
    long baseline = usedHeapAfterGc();
    SimStore store = new SimStore(CLOCK);
    long owner = SimAccounts.register(store, USER, PASSWORD);
    BulkStats built = new BulkBuilder(store, owner, jobs, seed).build();
    CLOCK.start();

    try (BalsamSimulator simulator = BalsamSimulator.start(store)) {
      ExporterConfig config = config(simulator, pageSize);
      ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
      AtomicLong requests = new AtomicLong();
      BalsamApi api =
          BalsamClients.create(
              config.balsam().target(), (endpoint, code) -> requests.incrementAndGet(), CLOCK);
      Poller poller = new Poller(api, Exporter.ingestSettings(config), CLOCK);
      EventJournal journal = new EventJournal(poller::synced);
      FailureLog failures = new FailureLog(poller::synced);
      Overview overview = new Overview(journal, CLOCK, () -> new Overview.Status(true, null, null));
      poller.subscribe(metrics.domain()).subscribe(journal).subscribe(failures).subscribe(overview);
      // One count first, so the simulator builds its event order now and the heap figures below
      // put it with the store, not with the exporter.
      api.events(Query.of().with("limit", 0));
      requests.set(0);
      simulator.resetServerCost();
      long withStore = usedHeapAfterGc();
      row(
          "simulator bulk build",
          seconds(built.elapsed()),
          String.format(
              "%,d jobs, %,d events (%,d late), %,d batch jobs, %d sites; store %s",
              built.jobs(),
              built.events(),
              built.lateEvents(),
              built.batchJobs(),
              built.sites(),
              megabytes(withStore - baseline)));

      // A first plain run warms the simulator's JIT, which would otherwise be charged to whichever
      // reader comes first.
      plainDownload(simulator, pageSize, "warm-up, before");
      Duration plainBefore = plainDownload(simulator, pageSize, "before");
      simulator.resetServerCost();
      long processCpu = processCpuNanos();
      long threadCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
      PollResult sync = poller.pollOnce();
      require(sync);
      long syncThreadCpu =
          ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadCpu;
      long syncProcessCpu = processCpuNanos() - processCpu;
      ServerCost syncCost = simulator.serverCost();
      Duration plainAfter = plainDownload(simulator, pageSize, "after");
      long events = sync.counts().counted() + sync.counts().late();
      long eventsPerSecond = (long) (events / secondsOf(sync.duration()));
      row(
          "exporter first sync over HTTP",
          seconds(sync.duration()),
          String.format(
              "%,d events counted, %,d requests (page size %,d), %,d events/s; CPU %s"
                  + " (simulator included), of which %s applying the pages",
              events,
              requests.getAndSet(0),
              pageSize,
              eventsPerSecond,
              seconds(Duration.ofNanos(syncProcessCpu)),
              seconds(Duration.ofNanos(syncThreadCpu))));
      ratio("first sync / plain download", sync.duration(), plainBefore, plainAfter, "");
      row("first sync, modelled server cost", "", cost(syncCost, 1));
      startUp(simulator);
      if (pace.scale() > 0) {
        pacedFirstSync(simulator, api, config, pageSize, pace);
      }
      simulator.resetServerCost();

      // A first poll re-reads the jobs changed in the last seconds before the sync listed them;
      // the idle polls measured below come once the server's clock has left them behind.
      require(poller.pollOnce());
      // (The poller's commit overlap, 5 s, and its margin for the server's clock, 30 s.)
      Thread.sleep(Duration.ofSeconds(40).toMillis());
      requests.set(0);
      simulator.resetServerCost();
      List<Duration> idle = new ArrayList<>();
      for (int i = 0; i < IDLE_POLLS; i++) {
        PollResult poll = poller.pollOnce();
        require(poll);
        idle.add(poll.duration());
      }
      row(
          "idle poll (median of " + IDLE_POLLS + ")",
          seconds(median(idle)),
          String.format("%d requests each", requests.get() / IDLE_POLLS));
      row("idle poll, modelled server cost (each)", "", cost(simulator.serverCost(), IDLE_POLLS));

      // A site reports a state change it stamped three hours ago.
      Job late = api.jobs(Query.of().with("limit", 1).with("offset", jobs / 2)).results().get(0);
      SimWrites.forUser(store, owner)
          .updateJobs(
              List.of(
                  JobUpdate.state(
                      late.id(),
                      "RESTART_READY",
                      CLOCK.instant().minus(Duration.ofHours(3)),
                      Map.of())));
      requests.set(0);
      simulator.resetServerCost();
      PollResult latePoll = poller.pollOnce();
      require(latePoll);
      row(
          "poll with one event stamped 3 h ago",
          seconds(latePoll.duration()),
          String.format("%d requests, %d counted late", requests.get(), latePoll.counts().late()));
      row("poll with one late event, modelled server cost", "", cost(simulator.serverCost(), 1));

      long withExporter = usedHeapAfterGc();
      row(
          "exporter state in heap",
          "",
          megabytes(withExporter - withStore)
              + " (heap used after GC, less the simulator's store; journal and its payloads,"
              + " failure log included)");
      row(
          "failure log",
          "",
          String.format(
              "%,d RUN_ERROR and FAILED events in %,d groups",
              failures.size(), failures.groupCount()));
      row(
          "report journal",
          "",
          String.format(
              "%,d events in %s: %.1f bytes per event (event columns and job slots)",
              journal.size(),
              megabytes(journal.bytes()),
              (double) journal.bytes() / journal.size()));
      report(journal, "throughput (JOB_FINISHED), all events", ReportKind.THROUGHPUT);
      report(journal, "utilization (node weighted), all events", ReportKind.UTILIZATION);
      report(journal, "available nodes, all batch jobs", ReportKind.AVAILABLE_NODES);
      // A batch job that ran jobs: the one the first finished job last ran in.
      Long batchJob =
          api.jobs(Query.of().with("state", "JOB_FINISHED").with("limit", 1))
              .results()
              .get(0)
              .batchJobId();
      report(
          journal,
          "utilization, batch_job_id=" + batchJob,
          ReportKind.UTILIZATION,
          "batch_job_id",
          String.valueOf(batchJob));

      console(overview, "week");
      console(overview, "campaign");

      List<Duration> renders = new ArrayList<>();
      int bytes = 0;
      for (int i = 0; i < SCRAPES; i++) {
        long started = System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(body, metrics.scrape());
        renders.add(Duration.ofNanos(System.nanoTime() - started));
        bytes = body.size();
      }
      row(
          "render /metrics, text (median of " + SCRAPES + ")",
          seconds(median(renders)),
          String.format("%,d bytes", bytes));
      // The processes read the machine's clock; the long run below moves the simulator's on.
      processes(simulator);
      restarts(simulator, api, config, requests, events, SimWrites.forUser(store, owner));
    }
    print(jobs);
  }

  /** A poller that feeds the metrics and the journal, as the exporter's does. */
  private static Poller poller(
      BalsamApi api, ExporterConfig config, ExporterMetrics metrics, EventJournal journal) {
    return new Poller(api, Exporter.ingestSettings(config), CLOCK)
        .subscribe(metrics.domain())
        .subscribe(journal);
  }

  /**
   * The first sync against the plain client again, the simulator now answering no sooner than the
   * real server would (scaled): the server's time is then spent waiting, as on a server of its own,
   * not on the cores the exporter uses, and what is measured is how far the exporter hides its own
   * work behind the server's.
   */
  private void pacedFirstSync(
      BalsamSimulator simulator,
      BalsamApi api,
      ExporterConfig config,
      int pageSize,
      ServerPace pace)
      throws Exception {
    simulator.pace(pace);
    try {
      String paced = String.format("paced at %.2f of the real server", pace.scale());
      Duration before = plainDownload(simulator, pageSize, paced + ", before");
      Poller fresh =
          poller(
              api,
              config,
              new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50),
              new EventJournal(() -> true));
      long cpu = processCpuNanos();
      PollResult sync = fresh.pollOnce();
      require(sync);
      long syncCpu = processCpuNanos() - cpu;
      row(
          "exporter first sync over HTTP, " + paced,
          seconds(sync.duration()),
          String.format(
              "%,d events counted; CPU %s (simulator included)",
              sync.counts().counted() + sync.counts().late(), seconds(Duration.ofNanos(syncCpu))));
      Duration process = processFirstSync(simulator, List.of(), paced);
      Duration shared =
          processFirstSync(
              simulator, List.of("-XX:SharedArchiveFile=" + classArchive), paced + ", with CDS");
      Duration after = plainDownload(simulator, pageSize, paced + ", after");
      ratio("paced first sync / plain download", sync.duration(), before, after, "paced ");
      ratio(
          "paced first sync, process start to ready / plain download",
          process,
          before,
          after,
          "paced ");
      ratio(
          "paced first sync, process start to ready with CDS / plain download",
          shared,
          before,
          after,
          "paced ");
    } finally {
      simulator.pace(ServerPace.NONE);
    }
  }

  /**
   * The exporter as a user starts it ({@code java -jar}, {@code -Xmx} of {@link #processHeap}, no
   * state file): from the start of its process to {@code /-/ready} answering 200, which it does
   * once the first sync is done.
   */
  private Duration processFirstSync(BalsamSimulator simulator, List<String> jvmOptions, String how)
      throws Exception {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Xmx" + processHeap);
    long started = System.nanoTime();
    try (BoundedProcess.Running child =
        ChildExporter.startJar(JAR, simulator.baseUrl(), USER, PASSWORD, options)) {
      int port = ChildExporter.port(child);
      awaitReady(child, port);
      Duration ready = Duration.ofNanos(System.nanoTime() - started);
      row(
          "exporter process (java -jar, -Xmx" + processHeap + "), first sync, " + how,
          seconds(ready),
          String.format(
              "start of the process to /-/ready; GC %s in the child",
              seconds(Duration.ofMillis(Math.round(gcSeconds(port) * 1000)))));
      child.terminate();
      child.awaitExit(Duration.ofMinutes(1));
      return ready;
    }
  }

  /**
   * The start-up itself: from the start of the process to its first connection to Balsam (a
   * loopback socket that accepts and answers nothing), median of {@link #STARTS}, without and with
   * a class data sharing archive. The archive is trained as an operator would: one run of the
   * exporter to ready against this Balsam, stopped with SIGTERM, which writes it ({@code
   * -XX:ArchiveClassesAtExit}).
   */
  private void startUp(BalsamSimulator simulator) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR + " is missing: run the benchmark with 'package', as BENCHMARKS.md says");
    }
    long started = System.nanoTime();
    try (BoundedProcess.Running training =
        ChildExporter.startJar(
            JAR,
            simulator.baseUrl(),
            USER,
            PASSWORD,
            List.of("-Xmx" + processHeap, "-XX:ArchiveClassesAtExit=" + classArchive))) {
      awaitReady(training, ChildExporter.port(training));
      training.terminate();
      if (training.awaitExit(Duration.ofMinutes(2)).isEmpty()
          || !Files.isRegularFile(classArchive)) {
        throw new IllegalStateException("no class archive written:\n" + training.output());
      }
    }
    row(
        "class data sharing archive, trained by one run to ready",
        seconds(Duration.ofNanos(System.nanoTime() - started)),
        String.format("%s archive of the classes loaded", megabytes(Files.size(classArchive))));
    firstConnection(List.of(), "");
    firstConnection(List.of("-XX:SharedArchiveFile=" + classArchive), ", with CDS");
  }

  private void firstConnection(List<String> jvmOptions, String how) throws Exception {
    List<Duration> times = new ArrayList<>();
    for (int i = 0; i < STARTS; i++) {
      try (java.net.ServerSocket balsam =
          new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
        balsam.setSoTimeout((int) Duration.ofMinutes(1).toMillis());
        URI url = URI.create("http://127.0.0.1:" + balsam.getLocalPort());
        long started = System.nanoTime();
        try (BoundedProcess.Running child =
                ChildExporter.startJar(JAR, url, USER, PASSWORD, jvmOptions);
            java.net.Socket first = balsam.accept()) {
          times.add(Duration.ofNanos(System.nanoTime() - started));
        }
      }
    }
    row(
        "exporter process start to its first connection to Balsam"
            + how
            + " (median of "
            + STARTS
            + ")",
        seconds(median(times)),
        "java -jar to the login request's connection");
  }

  /** The child's own figure: the time its JVM spent collecting garbage, all collectors. */
  private static double gcSeconds(int port) {
    return samples(port, "jvm_gc_collection_seconds_sum{").sum();
  }

  /**
   * Restarts: without {@code --storage.path} a restart is a first sync (above); with it, the state
   * file a first sync wrote is read back, and one poll checks it against the server.
   */
  private void restarts(
      BalsamSimulator simulator,
      BalsamApi api,
      ExporterConfig config,
      AtomicLong requests,
      long events,
      SimWrites writes)
      throws Exception {
    Path dir = Files.createTempDirectory("bench-state");
    try {
      StateFile.Identity identity =
          new StateFile.Identity(simulator.baseUrl().toString(), USER, Instant.EPOCH, List.of());
      Poller recording = new Poller(api, Exporter.ingestSettings(config), CLOCK);
      StateFile.Opened created = StateFile.open(dir, identity, recording::restore, CLOCK);
      recording.restoreDone();
      recording.subscribe(created.file());
      PollResult recorded = recording.pollOnce();
      require(recorded);
      long bytes = Files.size(dir.resolve(StateFile.FILE_NAME));
      Path afterSync = Files.createDirectories(dir.resolve("after-first-sync"));
      Files.copy(dir.resolve(StateFile.FILE_NAME), afterSync.resolve(StateFile.FILE_NAME));
      // On a live Balsam every site agent refreshes its row each cycle: the inventory changes on
      // every poll, and the file grows by what changed, not by the whole inventory.
      List<Long> grown = new ArrayList<>();
      long size = bytes;
      for (int i = 0; i < IDLE_POLLS; i++) {
        for (io.balsamexporter.balsam.Site site : api.sites(Query.of()).results()) {
          writes.refreshSite(site.id(), null, null);
        }
        require(recording.pollOnce());
        long now = Files.size(dir.resolve(StateFile.FILE_NAME));
        grown.add(now - size);
        size = now;
      }
      LongRun longRun = longRun(recording, created.file(), api, writes);
      created.file().close();
      Collections.sort(grown);
      row(
          "first sync with --storage.path (writing the state file)",
          seconds(recorded.duration()),
          String.format(
              "state file %s, %.1f bytes per event", megabytes(bytes), (double) bytes / events));
      row(
          "poll with --storage.path while every site refreshes (median of " + IDLE_POLLS + ")",
          "",
          String.format("state file grows %,d bytes a poll", grown.get(grown.size() / 2)));

      ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50);
      EventJournal journal = new EventJournal(() -> true);
      Poller restarted = poller(api, config, metrics, journal);
      long started = System.nanoTime();
      StateFile.Opened opened = StateFile.open(dir, identity, restarted::restore, CLOCK);
      restarted.restoreDone();
      Duration restore = Duration.ofNanos(System.nanoTime() - started);
      requests.set(0);
      simulator.resetServerCost();
      PollResult check = restarted.pollOnce();
      require(check);
      opened.file().close();
      row(
          "restart with --storage.path: state file read back",
          seconds(restore),
          String.format(
              "%,d updates, %,d events in the journal", opened.updatesRestored(), journal.size()));
      row(
          "restart with --storage.path: first poll, with the count check",
          seconds(check.duration()),
          requests.get() + " requests");
      row("restart with --storage.path, modelled server cost", "", cost(simulator.serverCost(), 1));
      Duration restoreAfterSync = restoreTime(afterSync, identity, api, config);
      row(
          String.format(
              "--storage.path after %,d polls while every site refreshes, against right after the"
                  + " first sync",
              longRun.polls()),
          seconds(restore) + " against " + seconds(restoreAfterSync),
          String.format(
              "restart read back in %.2f times the time; file %s at the end, %s at most (%.2f"
                  + " times the %s after the first sync); %,d compactions, the poll of the last"
                  + " one %s; the polls took %s (median %s, slowest %s), the clock moved on %s a"
                  + " poll",
              secondsOf(restore) / secondsOf(restoreAfterSync),
              megabytes(Files.size(dir.resolve(StateFile.FILE_NAME))),
              megabytes(longRun.largest()),
              (double) longRun.largest() / bytes,
              megabytes(bytes),
              longRun.compactions(),
              seconds(longRun.lastCompaction()),
              seconds(longRun.elapsed()),
              seconds(longRun.medianPoll()),
              seconds(longRun.slowestPoll()),
              seconds(POLL_INTERVAL)));
    } finally {
      TempTrees.deleteQuietly(dir);
    }
  }

  /** What the long run with {@code --storage.path} saw. */
  private record LongRun(
      int polls,
      long largest,
      int compactions,
      Duration lastCompaction,
      Duration elapsed,
      Duration medianPoll,
      Duration slowestPoll) {}

  /**
   * Polls {@link #longRunPolls} times through the live poller while every site refreshes its row
   * before each, as on a live Balsam: the file compacts as it would in months of uptime. The clock
   * moves on by the default poll interval before each poll, so these polls are that many polls'
   * time of the exporter's and the simulator's (172,800 are a month): the whole check of the jobs
   * every five minutes and of the events every hour come as often as they would.
   */
  private LongRun longRun(Poller poller, StateFile file, BalsamApi api, SimWrites writes)
      throws Exception {
    List<io.balsamexporter.balsam.Site> sites = api.sites(Query.of()).results();
    long largest = file.bytes();
    int compactions = 0;
    Duration lastCompaction = Duration.ZERO;
    Optional<Instant> compacted = file.lastCompaction();
    long[] pollNanos = new long[longRunPolls];
    long started = System.nanoTime();
    for (int i = 0; i < longRunPolls; i++) {
      CLOCK.advance(POLL_INTERVAL);
      for (io.balsamexporter.balsam.Site site : sites) {
        writes.refreshSite(site.id(), null, null);
      }
      PollResult poll = poller.pollOnce();
      require(poll);
      pollNanos[i] = poll.duration().toNanos();
      largest = Math.max(largest, file.bytes());
      if (!file.lastCompaction().equals(compacted)) {
        compacted = file.lastCompaction();
        compactions++;
        lastCompaction = poll.duration();
      }
      if ((i + 1) % 5_000 == 0) {
        System.err.printf(
            "long run: %,d of %,d polls, file %s%n", i + 1, longRunPolls, megabytes(file.bytes()));
      }
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
    java.util.Arrays.sort(pollNanos);
    return new LongRun(
        longRunPolls,
        largest,
        compactions,
        lastCompaction,
        elapsed,
        Duration.ofNanos(pollNanos.length == 0 ? 0 : pollNanos[pollNanos.length / 2]),
        Duration.ofNanos(pollNanos.length == 0 ? 0 : pollNanos[pollNanos.length - 1]));
  }

  /** How long a new poller takes to read back the state file in {@code dir}. */
  private static Duration restoreTime(
      Path dir, StateFile.Identity identity, BalsamApi api, ExporterConfig config)
      throws Exception {
    Poller restored =
        poller(
            api,
            config,
            new ExporterMetrics(BuildInfo.fromJar(), List.of(), 50),
            new EventJournal(() -> true));
    long started = System.nanoTime();
    StateFile.Opened opened = StateFile.open(dir, identity, restored::restore, CLOCK);
    restored.restoreDone();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    opened.file().close();
    return took;
  }

  /**
   * The exporter as its own process with {@code -Xmx} of {@link #processHeap}: from start to ready,
   * and its resident memory once ready and after a full GC, for a first sync that writes the state
   * file and for a restart that reads it back.
   */
  private void processes(BalsamSimulator simulator) throws Exception {
    Path dir = Files.createTempDirectory("bench-process-state");
    try {
      for (String run : List.of("first sync", "restart")) {
        long started = System.nanoTime();
        try (BoundedProcess.Running child =
            ChildExporter.startJar(
                JAR,
                simulator.baseUrl(),
                USER,
                PASSWORD,
                List.of("-Xmx" + processHeap),
                "--storage.path=" + dir)) {
          int port = ChildExporter.port(child);
          awaitReady(child, port);
          Duration ready = Duration.ofNanos(System.nanoTime() - started);
          if (run.equals("restart")) {
            reportsOverHttp(port);
          }
          ProcessMemory atReady = ProcessMemory.of(child.pid());
          BoundedProcess.Result gc =
              BoundedProcess.run(
                  List.of(
                      Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                      Long.toString(child.pid()),
                      "GC.run"),
                  "",
                  Map.of(),
                  Duration.ofMinutes(2));
          if (gc.exitCode() != 0) {
            throw new IllegalStateException("jcmd GC.run failed: " + gc.output());
          }
          ProcessMemory afterGc = ProcessMemory.of(child.pid());
          row(
              "exporter process (-Xmx"
                  + processHeap
                  + "), "
                  + run
                  + " with --storage.path: start to ready",
              seconds(ready),
              String.format(
                  "RSS %s at ready (peak %s), %s after a full GC; heap used %s",
                  megabytes(atReady.residentBytes()),
                  megabytes(atReady.peakBytes()),
                  megabytes(afterGc.residentBytes()),
                  megabytes(heapUsed(port))));
          child.terminate();
          child.awaitExit(Duration.ofMinutes(1));
        }
      }
    } finally {
      TempTrees.deleteQuietly(dir);
    }
  }

  private static void awaitReady(BoundedProcess.Running child, int port) {
    Await.until(
        "the exporter gets ready",
        Duration.ofMinutes(30),
        () -> {
          if (!child.isAlive()) {
            throw new IllegalStateException("the exporter exited:\n" + child.output());
          }
          return Http.get(port, "/-/ready").statusCode() == 200;
        });
  }

  /** The child's own figure: jvm_memory_used_bytes{area="heap"}. */
  private static long heapUsed(int port) {
    return (long)
        samples(port, "jvm_memory_used_bytes{area=\"heap\"}")
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no heap figure in /metrics"));
  }

  /** The values of the child's /metrics lines that start with {@code series}. */
  private static java.util.stream.DoubleStream samples(int port, String series) {
    return Http.text(Http.get(port, "/metrics"))
        .lines()
        .filter(l -> l.startsWith(series))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
  }

  /** Resident set size now and at its peak, from Linux's {@code /proc/PID/status}. */
  private record ProcessMemory(long residentBytes, long peakBytes) {
    static ProcessMemory of(long pid) throws java.io.IOException {
      long rss = 0;
      long peak = 0;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kilobytes(line) << 10;
        } else if (line.startsWith("VmHWM:")) {
          peak = kilobytes(line) << 10;
        }
      }
      return new ProcessMemory(rss, peak);
    }

    private static long kilobytes(String line) {
      return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
  }

  /**
   * Reports from a running exporter over loopback HTTP, to the last byte of the body: median of
   * {@link #REPORTS} after one to warm up.
   */
  private void reportsOverHttp(int port) {
    for (String path :
        List.of(
            "throughput?format=csv",
            "utilization?format=csv",
            "utilization?format=json",
            "available-nodes?format=csv")) {
      HttpResponse<byte[]> response = Http.get(port, "/api/v1/reports/" + path);
      List<Duration> times = new ArrayList<>();
      for (int i = 0; i < REPORTS; i++) {
        long started = System.nanoTime();
        response = Http.get(port, "/api/v1/reports/" + path);
        times.add(Duration.ofNanos(System.nanoTime() - started));
      }
      if (response.statusCode() != 200) {
        throw new IllegalStateException("report " + path + ": HTTP " + response.statusCode());
      }
      row(
          "report over HTTP from the exporter process: " + path + " (median of " + REPORTS + ")",
          seconds(median(times)),
          String.format("%,d bytes", response.body().length));
    }
  }

  /** One report from the journal, median of {@link #REPORTS} runs after one to warm up. */
  private void report(EventJournal journal, String what, ReportKind kind, String... param)
      throws Exception {
    Map<String, List<String>> params =
        param.length == 0 ? Map.of() : Map.of(param[0], List.of(param[1]));
    ReportRequest request = ReportParams.parse(kind, params, ReportFormat.JSON).request();
    Report report = journal.run(request);
    List<Duration> times = new ArrayList<>();
    for (int i = 0; i < REPORTS; i++) {
      long started = System.nanoTime();
      report = journal.run(request);
      times.add(Duration.ofNanos(System.nanoTime() - started));
    }
    row(
        "report from the journal: " + what + " (median of " + REPORTS + ")",
        seconds(median(times)),
        String.format("%,d points", report.series().size()));
  }

  /**
   * The console's data as {@code /api/v1/overview} serves it (built and written as JSON), at the
   * first request after a poll (served from the lines of the poll before, while a thread of its own
   * recomputes them) and at later ones; and that recomputation, timed on this thread. An update
   * without state stands for the next poll.
   */
  private void console(Overview overview, String range) throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    PollUpdate nextPoll =
        new PollUpdate(List.of(), List.of(), List.of(), List.of(), 0, Optional.empty());
    json.writeValueAsBytes(overview.build(range, 900));
    List<Duration> first = new ArrayList<>();
    List<Duration> later = new ArrayList<>();
    List<Duration> recompute = new ArrayList<>();
    int bytes = 0;
    for (int i = 0; i < REPORTS; i++) {
      overview.apply(nextPoll);
      long started = System.nanoTime();
      bytes = json.writeValueAsBytes(overview.build(range, 900)).length;
      first.add(Duration.ofNanos(System.nanoTime() - started));
      started = System.nanoTime();
      overview.refresh();
      recompute.add(Duration.ofNanos(System.nanoTime() - started));
      started = System.nanoTime();
      json.writeValueAsBytes(overview.build(range, 900));
      later.add(Duration.ofNanos(System.nanoTime() - started));
    }
    String times = " (median of " + REPORTS + ")";
    row(
        "console data, range=" + range + ", first request after a poll" + times,
        seconds(median(first)),
        String.format("%,d bytes of JSON, picture 900 px wide; lines of the poll before", bytes));
    row(
        "console data, range=" + range + ", later requests" + times,
        seconds(median(later)),
        "the lines of this poll");
    row(
        "console lines recomputed after a poll, in the background" + times,
        seconds(median(recompute)),
        "utilization and throughput over every event, last hour per site");
  }

  /**
   * The floor: the same events and jobs listings, sequentially, parsed and dropped. Run before and
   * after the exporter's sync, as the JIT and the simulator's caches favour whichever runs later.
   */
  private Duration plainDownload(BalsamSimulator simulator, int pageSize, String when)
      throws Exception {
    long started = System.nanoTime();
    long cpu = processCpuNanos();
    PlainClient plain = new PlainClient(simulator.baseUrl(), USER, PASSWORD);
    long events = plain.readAll("/events/", "timestamp", pageSize);
    long jobs = plain.readAll("/jobs/", "last_update", pageSize);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    row(
        "plain client download + parse (" + when + " the sync)",
        seconds(took),
        String.format(
            "%,d events, %,d jobs, %,d requests; CPU %s (simulator included)",
            events, jobs, plain.requests, seconds(Duration.ofNanos(processCpuNanos() - cpu))));
    return took;
  }

  /** The row of a first sync's time over the faster of the two plain runs around it. */
  private void ratio(
      String what, Duration sync, Duration plainBefore, Duration plainAfter, String kind) {
    Duration floor = plainBefore.compareTo(plainAfter) < 0 ? plainBefore : plainAfter;
    row(
        what,
        "",
        String.format(
            "%.2f (against the faster %splain run, %s)",
            secondsOf(sync) / secondsOf(floor), kind, seconds(floor)));
  }

  /** Polls page at the default size; the first sync at {@code firstSyncPageSize}. */
  private static ExporterConfig config(BalsamSimulator simulator, int firstSyncPageSize) {
    return TestConfigs.loopback(
        Optional.of(simulator.baseUrl()),
        new Credentials.Password(USER, PASSWORD),
        IngestConfig.DEFAULT_PAGE_SIZE,
        firstSyncPageSize,
        Duration.ofMinutes(5),
        2);
  }

  /** The simulator's model of what the real server spent, per one of {@code times} runs. */
  private static String cost(ServerCost total, int times) {
    return String.format(
        "%,d requests, %,d rows visited (%,d of jobs, %,d of events), %,d rows serialised,"
            + " %,d bytes sent",
        total.requests() / times,
        total.rowsVisited() / times,
        total.jobsVisited() / times,
        total.eventsVisited() / times,
        total.rowsSerialised() / times,
        total.bytesSent() / times);
  }

  private static void require(PollResult poll) {
    if (!poll.ok()) {
      throw new IllegalStateException("poll failed", poll.failure().get());
    }
  }

  private void row(String what, String time, String detail) {
    rows.add(new String[] {what, time, detail});
  }

  private void print(int jobs) {
    Runtime runtime = Runtime.getRuntime();
    System.out.printf(
        "%n%,d jobs; Java %s, %d cores, max heap %s%n%n",
        jobs, Runtime.version(), runtime.availableProcessors(), megabytes(runtime.maxMemory()));
    System.out.println("| step | time | figures |");
    System.out.println("|---|---:|---|");
    for (String[] row : rows) {
      System.out.println("| " + String.join(" | ", row) + " |");
    }
  }

  /** CPU time of this whole JVM, the simulator's included. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static Duration median(List<Duration> durations) {
    List<Duration> sorted = new ArrayList<>(durations);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static double secondsOf(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private static String seconds(Duration duration) {
    double s = secondsOf(duration);
    return s < 1 ? String.format("%.0f ms", s * 1000) : String.format("%.1f s", s);
  }

  private static String megabytes(long bytes) {
    return String.format("%,d MB", bytes >> 20);
  }
}

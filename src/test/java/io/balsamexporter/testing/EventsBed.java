package io.balsamexporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.analytics.EventJournal;
import io.balsamexporter.analytics.EventLogService;
import io.balsamexporter.analytics.EventPayloads;
import io.balsamexporter.balsam.BalsamApi;
import io.balsamexporter.balsam.RequestObserver;
import io.balsamexporter.http.ExporterServer;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.PollResult;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.webconfig.WebGate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The events API as the exporter serves it, over real HTTP on loopback, on a journal fed by a
 * poller of the simulator; the test decides when a poll runs, so late events can be made to arrive
 * exactly between two pages.
 */
public final class EventsBed implements AutoCloseable {
  public final SimHarness balsam;
  private final Poller poller;
  private final ExporterServer server;
  private volatile boolean reachable = true;

  public EventsBed(SimHarness balsam) {
    this(balsam, EventPayloads.DEFAULT_KEPT);
  }

  /**
   * @param payloadsKept distinct payloads the journal holds; fewer make pages fetch the others
   */
  public EventsBed(SimHarness balsam, int payloadsKept) {
    this(balsam, payloadsKept, WebGate.open());
  }

  /**
   * @param gate the web config the server applies: TLS, basic auth
   */
  public EventsBed(SimHarness balsam, int payloadsKept, WebGate gate) {
    this.balsam = balsam;
    BalsamApi api = balsam.client(1_000, RequestObserver.NONE);
    poller =
        new Poller(
            api,
            new IngestSettings(1_000, Duration.ofMinutes(10), Instant.EPOCH, List.of()),
            balsam.clock);
    EventJournal journal = new EventJournal(poller::synced, payloadsKept);
    poller.subscribe(journal);
    server =
        ExporterServer.builder("127.0.0.1", 0)
            .reports(journal)
            .events(new EventLogService(journal, api, () -> reachable))
            .gate(gate)
            .start();
  }

  /**
   * One poll; the events API then stops asking Balsam if it could not reach it, as the exporter.
   */
  public PollResult poll() {
    balsam.clock.advance(Duration.ofSeconds(1));
    PollResult result = poller.pollOnce();
    reachable = result.failure().isEmpty();
    return result;
  }

  public int port() {
    return server.port();
  }

  public HttpResponse<byte[]> get(String pathAndQuery) {
    return Http.get(port(), pathAndQuery);
  }

  /** GET that must answer 200 with JSON. */
  public JsonNode json(String pathAndQuery) {
    HttpResponse<byte[]> response = get(pathAndQuery);
    if (response.statusCode() != 200) {
      throw new AssertionError(
          pathAndQuery + " answered " + response.statusCode() + ": " + Http.text(response));
    }
    try {
      return new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Late events for {@code jobId} as a site that batches its updates sends them, around {@code at}:
   * RUN_ERROR a minute before, RESTART_READY a second after, RUNNING half a minute before.
   */
  public void lateRestart(long jobId, Instant at) {
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(
            JobUpdate.state(
                jobId,
                "RUN_ERROR",
                at.minusSeconds(60),
                Map.of("returncode", 1, "error", errorTail(jobId)))));
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(JobUpdate.state(jobId, "RESTART_READY", at.plusSeconds(1), Map.of())));
    balsam.clock.advance(Duration.ofSeconds(1));
    balsam.writes.updateJobs(
        List.of(JobUpdate.state(jobId, "RUNNING", at.minusSeconds(30), Map.of("num_nodes", 0.5))));
  }

  /** Ten lines of a job's output, as a launcher sends them: too long to be a shared payload. */
  public static String errorTail(long jobId) {
    StringBuilder tail = new StringBuilder();
    for (int line = 1; line <= 10; line++) {
      tail.append("job ").append(jobId).append(": rank ").append(line).append(" aborted\n");
    }
    return tail.append("late tail of job ").append(jobId).toString();
  }

  @Override
  public void close() {
    server.close();
    balsam.close();
  }
}

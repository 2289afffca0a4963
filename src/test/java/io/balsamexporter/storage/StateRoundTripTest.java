package io.balsamexporter.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.IngestSettings;
import io.balsamexporter.ingest.IngestSink;
import io.balsamexporter.ingest.Inventory;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.ObservedAllocation;
import io.balsamexporter.ingest.PollUpdate;
import io.balsamexporter.ingest.Poller;
import io.balsamexporter.metrics.BuildInfo;
import io.balsamexporter.metrics.ExporterMetrics;
import io.balsamexporter.sim.store.JobUpdate;
import io.balsamexporter.testing.DevFixture;
import io.balsamexporter.testing.SimHarness;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The binary frames of the state file give back every field the poller and its sinks read: the
 * recorded updates of a real workload, split across frames where they are large.
 */
class StateRoundTripTest {
  private static final List<String> TAG_KEYS = List.of("experiment", "stage");
  private static final ObjectMapper JSON = BalsamJson.mapper();
  private static final PollUpdate NOTHING =
      new PollUpdate(List.of(), List.of(), List.of(), List.of(), 0, Optional.empty());

  private record Recorded(PollUpdate update, Checkpoint checkpoint) {}

  /** What a new file's reader gives back of {@code update}, written by a new file's writer. */
  private static Recorded roundTrip(PollUpdate update, Checkpoint checkpoint) throws IOException {
    return decodeAll(new StateDecoder(), new StateEncoder().encode(update, checkpoint));
  }

  /** One update's frames, read by {@code decoder} after those it read before. */
  private static Recorded decodeAll(StateDecoder decoder, List<byte[]> frames) throws IOException {
    List<PollUpdate.CountedEvent> events = new ArrayList<>();
    List<JobRecord> jobs = new ArrayList<>();
    PollUpdate first = null;
    Checkpoint last = null;
    for (byte[] frame : frames) {
      decoder.check(frame);
      StateDecoder.Restored part = decoder.decode(frame);
      first = first == null ? part.update() : first;
      events.addAll(part.update().events());
      jobs.addAll(part.update().indexedJobs().jobs());
      last = part.checkpoint();
    }
    PollUpdate whole =
        new PollUpdate(
            first.newJobTags(),
            events,
            first.runs(),
            first.queueWaits(),
            first.duplicates(),
            Optional.empty(),
            new PollUpdate.IndexedJobs(jobs, first.indexedJobs().replacedAll()));
    return new Recorded(whole, last);
  }

  private static void assertSame(Recorded decoded, PollUpdate update, Checkpoint checkpoint) {
    PollUpdate got = decoded.update();
    assertThat(got.newJobTags()).isEqualTo(update.newJobTags());
    // Payloads whole: a node weight alone, a site agent's message, a user's parameters.
    assertThat(got.events()).isEqualTo(update.events());
    assertThat(got.runs()).isEqualTo(update.runs());
    assertThat(got.queueWaits()).isEqualTo(update.queueWaits());
    assertThat(got.duplicates()).isEqualTo(update.duplicates());
    assertThat(got.indexedJobs()).isEqualTo(update.indexedJobs());
    // Times are kept in microseconds, Balsam's resolution; the server's clock as the exporter
    // estimates it has nanoseconds, cut off in the file.
    assertThat(decoded.checkpoint())
        .isEqualTo(
            new Checkpoint(
                checkpoint.inventory(),
                checkpoint.relisted(),
                checkpoint.historyReadUntil().map(StateRoundTripTest::micros),
                checkpoint.listedAt().map(StateRoundTripTest::micros),
                checkpoint.newestListed().map(StateRoundTripTest::micros),
                checkpoint.shortfallPolls(),
                checkpoint.synced()));
  }

  private static Instant micros(Instant t) {
    return t.truncatedTo(ChronoUnit.MICROS);
  }

  @Test
  void everyUpdateOfARealWorkloadComesBackAsRecorded() throws IOException {
    List<Recorded> recorded = new ArrayList<>();
    try (SimHarness balsam = SimHarness.withDevFixtures()) {
      ExporterMetrics metrics = new ExporterMetrics(BuildInfo.fromJar(), TAG_KEYS, 50);
      Poller poller =
          new Poller(
                  balsam.client(200, (endpoint, code) -> {}),
                  new IngestSettings(200, Duration.ofMinutes(10), Instant.EPOCH, TAG_KEYS),
                  balsam.clock)
              .subscribe(metrics.domain());
      poller.subscribe(
          new IngestSink() {
            @Override
            public void apply(PollUpdate update) {}

            @Override
            public void apply(PollUpdate update, Checkpoint checkpoint) {
              recorded.add(new Recorded(update, checkpoint));
            }
          });
      assertThat(poller.pollOnce().ok()).isTrue();
      long job = DevFixture.jobIdsIn("PREPROCESSED", 1).get(0);
      balsam.clock.advance(Duration.ofSeconds(15));
      balsam.writes.updateJobs(
          List.of(
              JobUpdate.state(
                  job, "RUNNING", Instant.parse("2026-11-26T07:00:00Z"), Map.of("num_nodes", 2))));
      assertThat(poller.pollOnce().ok()).isTrue();
    }
    // The fixture has what each field is for: events with and without a node weight, late ones,
    // closed runs, jobs with tags.
    List<PollUpdate> updates = recorded.stream().map(Recorded::update).toList();
    assertThat(updates).hasSizeGreaterThanOrEqualTo(2);
    assertThat(updates.stream().flatMap(u -> u.events().stream()))
        .anyMatch(c -> !Double.isNaN(c.event().runningNodes()))
        .anyMatch(c -> Double.isNaN(c.event().runningNodes()))
        .anyMatch(c -> c.event().data().containsKey("message"))
        .anyMatch(c -> c.event().data().get("num_nodes") instanceof Integer)
        .anyMatch(PollUpdate.CountedEvent::late);
    assertThat(updates.stream().flatMap(u -> u.runs().stream())).isNotEmpty();
    assertThat(updates.stream().flatMap(u -> u.indexedJobs().jobs().stream()))
        .anyMatch(j -> !j.tags().isEmpty());
    // Written and read in order, as the file is: each inventory is the change from the one before.
    StateEncoder writer = new StateEncoder();
    StateDecoder reader = new StateDecoder();
    for (Recorded r : recorded) {
      assertSame(
          decodeAll(reader, writer.encode(r.update(), r.checkpoint())), r.update(), r.checkpoint());
    }
  }

  @Test
  void aLargeUpdateSpansFramesAndTheCheckpointGoesWithTheLast() throws IOException {
    Instant start = Instant.parse("2026-11-26T00:00:00.000001Z");
    List<PollUpdate.CountedEvent> events = new ArrayList<>();
    List<JobRecord> jobs = new ArrayList<>();
    int eventCount = 2 * StateFormat.EVENTS_PER_FRAME + 1;
    for (int i = 0; i < eventCount; i++) {
      // Out of time order here and there, as late events are: the time deltas go negative.
      Instant at = start.plusNanos((i % 7 == 0 ? -i : i) * 1_000L);
      Map<String, Object> data = i % 3 == 0 ? Map.of("num_nodes", 0.25 * (i % 5)) : Map.of();
      events.add(
          new PollUpdate.CountedEvent(
              new Event(i + 1, i / 4 + 1, at, "READY", i % 3 == 0 ? "RUNNING" : "STAGED_IN", data),
              "site-" + (i % 3),
              List.of("exp-" + (i % 11), ""),
              i % 13 == 0));
    }
    for (int i = 0; i < StateFormat.JOBS_PER_FRAME + 7; i++) {
      jobs.add(
          new JobRecord(
              i + 1,
              i % 4 + 1,
              "RUNNING",
              1.0 / (i % 4 + 1),
              List.of("exp-" + (i % 11), ""),
              start.plusSeconds(i),
              i % 9,
              Map.of("experiment", "exp-" + (i % 11))));
    }
    PollUpdate update =
        new PollUpdate(
            List.of(List.of("exp-1", ""), List.of("exp-2", "")),
            events,
            List.of(new PollUpdate.Interval("site-0", "RUN_DONE", 12.5)),
            List.of(new PollUpdate.Interval("site-1", "", 0.000001)),
            42,
            Optional.empty(),
            new PollUpdate.IndexedJobs(jobs, true));
    Checkpoint checkpoint =
        new Checkpoint(
            Optional.of(Inventory.EMPTY),
            List.of(new Checkpoint.Relisted(10, 12, Map.of(10L, 3, 11L, 0))),
            Optional.of(start),
            Optional.of(start.plusSeconds(60)),
            Optional.empty(),
            2,
            true);

    List<byte[]> frames = new StateEncoder().encode(update, checkpoint);

    assertThat(frames).hasSize(3);
    StateDecoder.Restored middle = new StateDecoder().decode(frames.get(1));
    assertThat(middle.checkpoint().inventory()).isEmpty();
    assertThat(middle.update().runs()).isEmpty();
    assertSame(roundTrip(update, checkpoint), update, checkpoint);
    long bytes = frames.stream().mapToLong(f -> f.length).sum();
    assertThat(bytes / (eventCount + jobs.size())).isLessThan(40);
  }

  @Test
  void aFrameThatDoesNotParseFailsWithAnIoErrorWhetherDecodedOrChecked() throws IOException {
    byte[] frame = new StateEncoder().encode(NOTHING, checkpoint(Optional.empty())).get(0);
    StateDecoder decoder = new StateDecoder();
    byte[] cut = java.util.Arrays.copyOf(frame, frame.length - 1);
    byte[] longer = java.util.Arrays.copyOf(frame, frame.length + 1);
    byte[] hugeCount = new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x07};
    byte[] endlessVarint = new byte[12];
    java.util.Arrays.fill(endlessVarint, (byte) 0xff);

    for (byte[] bad : List.of(cut, longer, hugeCount, endlessVarint)) {
      assertThatThrownBy(() -> decoder.decode(bad))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("malformed state frame");
      assertThatThrownBy(() -> decoder.check(bad))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("malformed state frame");
    }
  }

  private static BatchJob batchJob(JsonNode template, long id, String state) {
    ObjectNode row = template.deepCopy();
    row.put("id", id).put("state", state);
    return JSON.convertValue(row, BatchJob.class);
  }

  /** A checkpoint of a synced poller that carries nothing but {@code inventory}. */
  private static Checkpoint checkpoint(Optional<Inventory> inventory) {
    return new Checkpoint(
        inventory, List.of(), Optional.empty(), Optional.empty(), Optional.empty(), 0, true);
  }

  @Test
  void anInventoryIsWrittenAsWhatChangedSinceTheOneBefore() throws IOException {
    JsonNode template = DevFixture.results("batch-jobs.json").get(0);
    List<Site> sites =
        DevFixture.results("sites.json").stream()
            .map(n -> JSON.convertValue(n, Site.class))
            .toList();
    List<App> apps =
        DevFixture.results("apps.json").stream().map(n -> JSON.convertValue(n, App.class)).toList();
    List<BatchJob> many = new ArrayList<>();
    for (long id = 1; id <= 5_000; id++) {
      many.add(batchJob(template, id, "finished"));
    }
    Inventory full = Inventory.of(sites, apps, many);
    // One batch job moves and one site's row is refreshed, as on every poll of a live Balsam.
    List<BatchJob> moved = new ArrayList<>(many);
    moved.set(4_321, batchJob(template, 4_322, "running"));
    ObjectNode refreshed = JSON.valueToTree(sites.get(0));
    refreshed.put("last_refresh", "2026-11-26T12:00:00.000001");
    List<Site> refreshedSites = new ArrayList<>(sites);
    refreshedSites.set(0, JSON.convertValue(refreshed, Site.class));
    assertThat(refreshedSites.get(0)).isNotEqualTo(sites.get(0));
    Inventory next = Inventory.of(refreshedSites, apps, moved);
    // A full listing the server returned newest first, with one batch job gone and one new.
    List<BatchJob> relisted = new ArrayList<>(moved);
    relisted.remove(17);
    relisted.add(batchJob(template, 5_001, "queued"));
    java.util.Collections.reverse(relisted);
    Inventory reordered = Inventory.of(refreshedSites, apps.subList(1, apps.size()), relisted);

    StateEncoder writer = new StateEncoder();
    StateDecoder reader = new StateDecoder();
    List<Inventory> read = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (Inventory inventory : List.of(full, next, next, reordered)) {
      List<byte[]> frames = writer.encode(NOTHING, checkpoint(Optional.of(inventory)));
      sizes.add(frames.stream().mapToInt(f -> f.length).sum());
      read.add(decodeAll(reader, frames).checkpoint().inventory().orElseThrow());
    }
    List<byte[]> none = writer.encode(NOTHING, checkpoint(Optional.empty()));

    assertThat(read).containsExactly(full, next, next, reordered);
    assertThat(read.get(3).batchJobs()).isEqualTo(relisted);
    assertThat(decodeAll(reader, none).checkpoint().inventory()).isEmpty();
    assertThat(sizes.get(0)).isGreaterThan(1_000_000);
    // The changed batch job and site; then nothing; then the order of 5,000 ids and the two
    // changes.
    assertThat(sizes.get(1)).isLessThan(3_000);
    assertThat(sizes.get(2)).isLessThan(300);
    assertThat(sizes.get(3)).isLessThan(40_000);
  }

  @Test
  void observedAllocationsTravelWithTheInventoryAndOnlyWhenTheyChange() throws IOException {
    Inventory none = Inventory.EMPTY;
    Instant seen = Instant.parse("2026-11-26T09:00:00.123456Z");
    Inventory running = none.withObserved(Map.of(7L, new ObservedAllocation(seen, null)));
    Inventory ended =
        none.withObserved(
            Map.of(
                7L,
                new ObservedAllocation(seen, seen.plusSeconds(15)),
                8L,
                new ObservedAllocation(seen.plusSeconds(15), null)));
    Inventory forgotten =
        none.withObserved(Map.of(8L, new ObservedAllocation(seen.plusSeconds(15), null)));

    StateEncoder writer = new StateEncoder();
    StateDecoder reader = new StateDecoder();
    List<Inventory> read = new ArrayList<>();
    for (Inventory inventory : List.of(running, ended, forgotten)) {
      List<byte[]> frames = writer.encode(NOTHING, checkpoint(Optional.of(inventory)));
      read.add(decodeAll(reader, frames).checkpoint().inventory().orElseThrow());
    }

    assertThat(read).containsExactly(running, ended, forgotten);
  }
}

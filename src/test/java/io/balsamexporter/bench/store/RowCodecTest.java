package io.balsamexporter.bench.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.Event;
import io.balsamexporter.ingest.JobRecord;
import io.balsamexporter.ingest.PollUpdate;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The stores weighed against the state file keep everything it keeps of an event and a job. */
class RowCodecTest {
  private static final Instant AT = Instant.parse("2026-11-20T10:15:30.123456Z");

  @Test
  void anEventWithANodeWeightComesBackWhole() {
    assertRoundTrip(
        new PollUpdate.CountedEvent(
            new Event(7, 42, AT, "PREPROCESSED", "RUNNING", Map.of("num_nodes", 0.5)),
            "theta",
            3,
            List.of("sweep-1", ""),
            false));
  }

  @Test
  void aLateEventWithAPayloadComesBackWhole() {
    assertRoundTrip(
        new PollUpdate.CountedEvent(
            new Event(8, 42, AT, "RUNNING", "RUN_ERROR", Map.of("error", "exit 137\nkilled")),
            "polaris",
            0,
            List.of(),
            true));
  }

  @Test
  void aJobComesBackWholeInADictionaryReadBackFromItsStrings() {
    RowCodec writer = new RowCodec();
    JobRecord job =
        new JobRecord(
            42, 3, "RUNNING", 0.25, List.of("a", "b"), AT, 9, Map.of("sweep", "a", "kind", "b"));
    byte[] row = writer.job(job);
    RowCodec reader = readerOf(writer);

    assertThat(reader.job(42, ByteBuffer.wrap(row))).isEqualTo(job);
  }

  private static void assertRoundTrip(PollUpdate.CountedEvent event) {
    RowCodec writer = new RowCodec();
    byte[] row = writer.event(event);
    RowCodec reader = readerOf(writer);

    assertThat(reader.event(event.event().id(), ByteBuffer.wrap(row))).isEqualTo(event);
  }

  /** A codec that knows only what a store wrote of the writer's dictionary, as after a restart. */
  private static RowCodec readerOf(RowCodec writer) {
    RowCodec reader = new RowCodec();
    int code = writer.firstDrained();
    for (String text : writer.drain()) {
      reader.learn(code++, text);
    }
    return reader;
  }
}

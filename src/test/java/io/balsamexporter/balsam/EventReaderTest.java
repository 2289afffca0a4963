package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.testing.DevFixture;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Events are read field by field ({@link EventReader}); what they hold, and what refuses a row, is
 * what binding the record would give.
 */
class EventReaderTest {

  private static Event read(String json) throws IOException {
    return BalsamJson.mapper().readValue(json, Event.class);
  }

  @Test
  void everyRecordedEventReadsAsItsFieldsSay() throws IOException {
    List<JsonNode> all = DevFixture.results("events.json");
    assertThat(all).hasSizeGreaterThan(800);
    for (JsonNode row : all) {
      Event event = BalsamJson.mapper().treeToValue(row, Event.class);
      assertThat(event.id()).isEqualTo(row.get("id").asLong());
      assertThat(event.jobId()).isEqualTo(row.get("job_id").asLong());
      assertThat(event.timestamp()).isEqualTo(BalsamTime.parse(row.get("timestamp").asText()));
      assertThat(event.fromState()).isEqualTo(row.get("from_state").asText());
      assertThat(event.toState()).isEqualTo(row.get("to_state").asText());
      assertThat(BalsamJson.mapper().valueToTree(event.data()).equals(row.get("data")))
          .as("data of event %d", event.id())
          .isTrue();
    }
  }

  @Test
  void fieldsInAnyOrderUnknownFieldsAndNullDataAreRead() throws IOException {
    Event event =
        read(
            "{\"data\":null,\"extra\":{\"a\":[1,{\"b\":2}]},\"to_state\":\"RUNNING\","
                + "\"timestamp\":\"2026-11-26T09:07:40.168006\",\"from_state\":\"PREPROCESSED\","
                + "\"job_id\":4,\"id\":9}");
    assertThat(event)
        .isEqualTo(
            new Event(
                9,
                4,
                Instant.parse("2026-11-26T09:07:40.168006Z"),
                "PREPROCESSED",
                "RUNNING",
                Map.of()));
    Event withData =
        read(
            "{\"id\":1,\"job_id\":2,\"timestamp\":\"2026-11-26T09:07:40\",\"from_state\":\"A\","
                + "\"to_state\":\"RUNNING\",\"data\":{\"num_nodes\":0.5,\"message\":\"x\"}}");
    assertThat(withData.data())
        .containsExactlyInAnyOrderEntriesOf(Map.of("num_nodes", 0.5, "message", "x"));
    assertThat(withData.runningNodes()).isEqualTo(0.5);
  }

  @Test
  void dataThatIsNotAnObjectIsReadAsEmptyRatherThanFailingThePoll() throws IOException {
    String head =
        "{\"id\":1,\"job_id\":3,\"timestamp\":\"2026-11-26T09:07:40\",\"from_state\":\"A\","
            + "\"to_state\":\"B\",\"data\":";
    for (String data : List.of("\"Killed\"", "[1,[2,{\"a\":3}]]", "42", "true")) {
      Event event = read(head + data + ",\"extra\":1}");
      assertThat(event.data()).as(data).isEmpty();
      assertThat(event.toState()).isEqualTo("B");
    }
  }

  @Test
  void tokensOfAnotherTypeGetJacksonsCoercion() throws IOException {
    Event event =
        read(
            "{\"id\":\"12\",\"job_id\":3,\"timestamp\":\"2026-11-26T09:07:40\",\"from_state\":7,"
                + "\"to_state\":\"READY\",\"data\":{}}");
    assertThat(event.id()).isEqualTo(12);
    assertThat(event.fromState()).isEqualTo("7");
  }

  @Test
  void dataThatIsNotAnObjectIsReadAsNoPayloadSoThatThePageStillCounts() throws IOException {
    String row =
        "{\"id\":1,\"job_id\":3,\"timestamp\":\"2026-11-26T09:07:40\",\"from_state\":\"A\","
            + "\"to_state\":\"B\",\"data\":";
    for (String data : new String[] {"[1,{\"a\":2}]", "\"oops\"", "42", "true"}) {
      assertThat(read(row + data + "}").data()).as(data).isEmpty();
    }
  }

  @Test
  void aRowThatBreaksTheContractIsRefusedAsJsonThatDoesNotMapWithTheReason() {
    String ok = "\"timestamp\":\"2026-11-26T09:07:40\",\"from_state\":\"A\",\"to_state\":\"B\"";
    Map<String, String> refused =
        Map.of(
            "{\"job_id\":3," + ok + "}",
            "event id must be a positive integer, got 0",
            "{\"id\":1,\"job_id\":null," + ok + "}",
            "null",
            "{\"id\":1,\"job_id\":3,\"timestamp\":null,\"from_state\":\"A\",\"to_state\":\"B\"}",
            "event timestamp is missing or null",
            "{\"id\":1,\"job_id\":3,\"timestamp\":\"yesterday\",\"from_state\":\"A\",\"to_state\":\"B\"}",
            "not a Balsam timestamp",
            "{\"id\":1,\"job_id\":3,\"timestamp\":\"2026-11-26T09:07:40\",\"to_state\":\"B\"}",
            "event from_state is missing or null",
            "[1,2]",
            "Event");
    refused.forEach(
        (json, reason) ->
            assertThatThrownBy(() -> read(json))
                .as(json)
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining(reason));
  }
}

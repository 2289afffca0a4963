package io.balsamexporter.balsam;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Map;

/**
 * One EventLog row: a job's state transition, stamped by the site that made it. Read by {@link
 * EventReader}.
 */
@JsonDeserialize(using = EventReader.class)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"id", "job_id", "timestamp", "from_state", "to_state", "data"})
public record Event(
    long id,
    long jobId,
    @JsonSerialize(using = BalsamJson.NaiveSerializer.class) Instant timestamp,
    String fromState,
    String toState,
    Map<String, Object> data) {

  public Event {
    // Checked here, while decoding, so that a bad row fails the request as bad_response and never
    // reaches the step that applies a poll.
    Wire.positive("event id", id);
    Wire.positive("event job_id", jobId);
    Wire.present("event timestamp", timestamp);
    Wire.present("event from_state", fromState);
    Wire.present("event to_state", toState);
    data = data == null ? Map.of() : data;
  }

  /**
   * The node weight a launcher records on a RUNNING event ({@code num_nodes/node_packing_count}),
   * or NaN when absent.
   */
  public double runningNodes() {
    return data.get("num_nodes") instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}

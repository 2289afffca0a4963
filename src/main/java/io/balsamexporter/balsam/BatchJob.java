package io.balsamexporter.balsam;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A scheduler allocation that runs a Balsam launcher. {@code startTime}/{@code endTime} are filled
 * only once it has left the queue.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "num_nodes",
  "wall_time_min",
  "job_mode",
  "optional_params",
  "filter_tags",
  "partitions",
  "id",
  "site_id",
  "scheduler_id",
  "project",
  "queue",
  "state",
  "status_info",
  "start_time",
  "end_time"
})
public record BatchJob(
    int numNodes,
    int wallTimeMin,
    String jobMode,
    Map<String, String> optionalParams,
    Map<String, String> filterTags,
    List<Map<String, Object>> partitions,
    long id,
    long siteId,
    Long schedulerId,
    String project,
    String queue,
    String state,
    Map<String, String> statusInfo,
    @JsonSerialize(using = BalsamJson.NaiveSerializer.class)
        @JsonDeserialize(using = BalsamJson.TimeDeserializer.class)
        Instant startTime,
    @JsonSerialize(using = BalsamJson.NaiveSerializer.class)
        @JsonDeserialize(using = BalsamJson.TimeDeserializer.class)
        Instant endTime) {

  public BatchJob {
    Wire.positive("batch job id", id);
    Wire.present("batch job state", state);
    Wire.atLeast("batch job num_nodes", numNodes, 0);
    optionalParams = optionalParams == null ? Map.of() : optionalParams;
    filterTags = filterTags == null ? Map.of() : filterTags;
    statusInfo = statusInfo == null ? Map.of() : statusInfo;
  }

  /** This batch job as it would be in {@code newState}, everything else kept. */
  public BatchJob withState(String newState) {
    return new BatchJob(
        numNodes,
        wallTimeMin,
        jobMode,
        optionalParams,
        filterTags,
        partitions,
        id,
        siteId,
        schedulerId,
        project,
        queue,
        newState,
        statusInfo,
        startTime,
        endTime);
  }

  /** This batch job with these start and end times, everything else kept. */
  public BatchJob withTimes(Instant start, Instant end) {
    return new BatchJob(
        numNodes,
        wallTimeMin,
        jobMode,
        optionalParams,
        filterTags,
        partitions,
        id,
        siteId,
        schedulerId,
        project,
        queue,
        state,
        statusInfo,
        start,
        end);
  }
}

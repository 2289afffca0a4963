package io.balsamexporter.balsam;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Balsam Job as {@code GET /jobs/} returns it, fields in the server's order. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "id",
  "workdir",
  "tags",
  "app_id",
  "session_id",
  "serialized_parameters",
  "serialized_return_value",
  "serialized_exception",
  "batch_job_id",
  "state",
  "last_update",
  "data",
  "return_code",
  "pending_file_cleanup",
  "parent_ids",
  "num_nodes",
  "ranks_per_node",
  "threads_per_rank",
  "threads_per_core",
  "gpus_per_rank",
  "node_packing_count",
  "wall_time_min",
  "launch_params"
})
public record Job(
    long id,
    String workdir,
    Map<String, String> tags,
    long appId,
    Long sessionId,
    String serializedParameters,
    String serializedReturnValue,
    String serializedException,
    Long batchJobId,
    String state,
    @JsonSerialize(using = BalsamJson.OffsetSerializer.class)
        @JsonDeserialize(using = BalsamJson.TimeDeserializer.class)
        Instant lastUpdate,
    Map<String, Object> data,
    Integer returnCode,
    boolean pendingFileCleanup,
    List<Long> parentIds,
    int numNodes,
    int ranksPerNode,
    int threadsPerRank,
    int threadsPerCore,
    double gpusPerRank,
    int nodePackingCount,
    int wallTimeMin,
    Map<String, String> launchParams) {

  public Job {
    Wire.positive("job id", id);
    Wire.present("job state", state);
    Wire.present("job last_update", lastUpdate);
    Wire.atLeast("job num_nodes", numNodes, 0);
    tags = tags == null ? Map.of() : tags;
    data = data == null ? Map.of() : data;
    parentIds = parentIds == null ? List.of() : parentIds;
    launchParams = launchParams == null ? Map.of() : launchParams;
  }

  /**
   * The nodes this job occupies while RUNNING, as balsam.analytics weighs it: {@code
   * num_nodes/node_packing_count}.
   */
  public double nodeWeight() {
    return nodePackingCount <= 0 ? numNodes : (double) numNodes / nodePackingCount;
  }
}

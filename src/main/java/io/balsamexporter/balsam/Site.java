package io.balsamexporter.balsam;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A Balsam Site: one site agent's directory on one machine, with what it reports each cycle. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "name",
  "path",
  "globus_endpoint_id",
  "backfill_windows",
  "queued_jobs",
  "optional_batch_job_params",
  "allowed_projects",
  "allowed_queues",
  "transfer_locations",
  "id",
  "last_refresh",
  "creation_date"
})
public record Site(
    String name,
    String path,
    String globusEndpointId,
    Map<String, List<BackfillWindow>> backfillWindows,
    Map<String, QueuedJob> queuedJobs,
    Map<String, String> optionalBatchJobParams,
    List<String> allowedProjects,
    Map<String, AllowedQueue> allowedQueues,
    Map<String, String> transferLocations,
    long id,
    @JsonSerialize(using = BalsamJson.NaiveSerializer.class)
        @JsonDeserialize(using = BalsamJson.TimeDeserializer.class)
        Instant lastRefresh,
    @JsonSerialize(using = BalsamJson.NaiveSerializer.class)
        @JsonDeserialize(using = BalsamJson.TimeDeserializer.class)
        Instant creationDate) {

  public Site {
    Wire.positive("site id", id);
    Wire.present("site name", name);
    backfillWindows = backfillWindows == null ? Map.of() : backfillWindows;
    queuedJobs = queuedJobs == null ? Map.of() : queuedJobs;
    optionalBatchJobParams = optionalBatchJobParams == null ? Map.of() : optionalBatchJobParams;
    allowedProjects = allowedProjects == null ? List.of() : allowedProjects;
    allowedQueues = allowedQueues == null ? Map.of() : allowedQueues;
    transferLocations = transferLocations == null ? Map.of() : transferLocations;
  }

  /** A backfill window the site's scheduler offers now. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"num_nodes", "wall_time_min"})
  public record BackfillWindow(int numNodes, int wallTimeMin) {}

  /** A scheduler job as the site agent last saw it in the queue. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "scheduler_id",
    "state",
    "queue",
    "num_nodes",
    "wall_time_min",
    "project",
    "time_remaining_min",
    "queued_time_min"
  })
  public record QueuedJob(
      long schedulerId,
      String state,
      String queue,
      int numNodes,
      int wallTimeMin,
      String project,
      int timeRemainingMin,
      int queuedTimeMin) {}

  /** A queue's limits at the site. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"max_nodes", "max_walltime", "max_queued_jobs"})
  public record AllowedQueue(int maxNodes, int maxWalltime, int maxQueuedJobs) {}
}

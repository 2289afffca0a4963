package io.balsamexporter.sim.store;

import java.util.List;
import java.util.Map;

/** The body of {@code POST /batch-jobs/}: an allocation request for a site's launcher. */
public record NewBatchJob(
    long siteId,
    String project,
    String queue,
    int numNodes,
    int wallTimeMin,
    String jobMode,
    Map<String, String> filterTags,
    Map<String, String> optionalParams,
    List<Map<String, Object>> partitions) {

  public NewBatchJob {
    jobMode = jobMode == null ? "mpi" : jobMode;
    filterTags = filterTags == null ? Map.of() : filterTags;
    optionalParams = optionalParams == null ? Map.of() : optionalParams;
  }

  public static NewBatchJob of(
      long siteId, String project, String queue, int numNodes, int wallTimeMin) {
    return new NewBatchJob(siteId, project, queue, numNodes, wallTimeMin, "mpi", null, null, null);
  }
}

package io.balsamexporter.sim.store;

import java.util.List;
import java.util.Map;

/**
 * One item of {@code POST /jobs/}: what a client chooses. The server sets the id, state,
 * last_update and the creation event.
 */
public record NewJob(
    String workdir,
    long appId,
    Map<String, String> tags,
    List<Long> parentIds,
    Map<String, TransferRef> transfers,
    Resources resources,
    Map<String, Object> data,
    String serializedParameters) {

  public NewJob {
    tags = tags == null ? Map.of() : tags;
    parentIds = parentIds == null ? List.of() : List.copyOf(parentIds);
    transfers = transfers == null ? Map.of() : transfers;
    resources = resources == null ? Resources.DEFAULT : resources;
    data = data == null ? Map.of() : data;
    serializedParameters = serializedParameters == null ? "" : serializedParameters;
  }

  /** A job with Balsam's defaults for everything but its workdir, app and tags. */
  public static NewJob of(String workdir, long appId, Map<String, String> tags) {
    return new NewJob(workdir, appId, tags, null, null, null, null, null);
  }

  public NewJob withParents(List<Long> ids) {
    return new NewJob(workdir, appId, tags, ids, transfers, resources, data, serializedParameters);
  }

  public NewJob withTransfers(Map<String, TransferRef> slots) {
    return new NewJob(
        workdir, appId, tags, parentIds, slots, resources, data, serializedParameters);
  }

  public NewJob withResources(Resources r) {
    return new NewJob(workdir, appId, tags, parentIds, transfers, r, data, serializedParameters);
  }

  public NewJob withData(Map<String, Object> d) {
    return new NewJob(
        workdir, appId, tags, parentIds, transfers, resources, d, serializedParameters);
  }

  /** A job's {@code transfers} entry: which site location and remote path fill an app's slot. */
  public record TransferRef(String locationAlias, String path) {}

  /** How a job runs; the defaults are those of Balsam's JobCreate schema. */
  public record Resources(
      int numNodes,
      int ranksPerNode,
      int threadsPerRank,
      int threadsPerCore,
      double gpusPerRank,
      int nodePackingCount,
      int wallTimeMin,
      Map<String, String> launchParams) {

    public static final Resources DEFAULT = new Resources(1, 1, 1, 1, 0.0, 1, 0, Map.of());

    public Resources {
      launchParams = launchParams == null ? Map.of() : launchParams;
    }

    public static Resources nodes(int numNodes, int nodePackingCount) {
      return new Resources(numNodes, 1, 1, 1, 0.0, nodePackingCount, 0, Map.of());
    }
  }
}

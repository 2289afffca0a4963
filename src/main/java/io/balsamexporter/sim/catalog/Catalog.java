package io.balsamexporter.sim.catalog;

import io.balsamexporter.balsam.Site;
import io.balsamexporter.sim.store.AppSpec;
import io.balsamexporter.sim.store.SiteSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sites, apps and experiments generated campaigns are made of. The shapes (names, node counts,
 * packing, queues, transfers) follow the dev fixture recorded from a real server.
 */
public final class Catalog {
  /**
   * An ApplicationDefinition and the jobs a user creates for it. A {@code checkpointed} app runs
   * for longer than one launcher lasts and resumes after each RUN_TIMEOUT, as long MD or training
   * runs do.
   */
  public record AppModel(
      String name,
      String description,
      String experiment,
      String stage,
      String parentApp,
      boolean stageIn,
      boolean stageOut,
      List<Integer> nodeChoices,
      List<Integer> packingChoices,
      int ranksPerNode,
      int wallTimeMin,
      double gpusPerRank,
      Map<String, String> launchParams,
      double runTimeFactor,
      boolean checkpointed) {

    public AppSpec appSpec(String siteName) {
      Map<String, Object> transfers = new LinkedHashMap<>();
      if (stageIn) {
        transfers.put("h5_in", AppSpec.transferSlot("in", "input.h5", "input data", false));
      }
      if (stageOut) {
        transfers.put("result_out", AppSpec.transferSlot("out", "results", "results", true));
      }
      String source =
          "class %s(ApplicationDefinition):\n    \"\"\"%s\"\"\"\n    site = \"%s\"\n    command_template = \"%s\"\n"
              .formatted(name, description, siteName, name.toLowerCase());
      return new AppSpec("", source, description, Map.of(), transfers);
    }
  }

  /** A Balsam site and its scheduler: the queue launchers go to and the sizes they ask for. */
  public record SiteModel(
      String name,
      String path,
      String project,
      String globusEndpointId,
      Map<String, String> optionalBatchJobParams,
      Map<String, Site.AllowedQueue> allowedQueues,
      String launchQueue,
      Map<String, String> transferLocations,
      long schedulerIdBase,
      List<Integer> batchNodeChoices,
      List<AppModel> apps) {

    public SiteSettings settings() {
      return new SiteSettings(
          globusEndpointId,
          optionalBatchJobParams,
          List.of(project),
          allowedQueues,
          transferLocations);
    }

    /** The location jobs transfer from; sorted, because Map.of iterates in a per-JVM order. */
    String transferAlias() {
      return new TreeMap<>(transferLocations).firstKey();
    }
  }

  private static final Map<String, String> DEPTH = Map.of("cpu_bind", "depth");

  private static final List<SiteModel> SITES =
      List.of(
          new SiteModel(
              "polaris-md",
              "/lus/eagle/projects/ChemSim/balsam/polaris-md",
              "ChemSim",
              null,
              Map.of("mig_config", "none", "enable_ssh", "0"),
              Map.of(
                  "debug", new Site.AllowedQueue(2, 60, 1),
                  "prod", new Site.AllowedQueue(496, 1440, 10),
                  "preemptable", new Site.AllowedQueue(10, 4320, 20)),
              "prod",
              Map.of(),
              6112789,
              List.of(8, 16, 32),
              List.of(
                  app("SimulateMD", "Classical MD production run", "md-lipid", "sim", null)
                      .withCheckpoints()
                      .shape(List.of(1, 1, 2, 4, 8), List.of(1), 32, 45, 0.0, DEPTH, 1.5),
                  app(
                          "AnalyzeTrajectory",
                          "Trajectory analysis",
                          "md-lipid",
                          "analysis",
                          "SimulateMD")
                      .shape(List.of(1), List.of(4, 8), 1, 10, 0.0, Map.of(), 0.5),
                  app("ParamSweep", "Single-node parameter sweep point", "sweep-alpha", null, null)
                      .shape(List.of(1), List.of(1, 2, 4, 5, 6, 7, 8), 1, 5, 0.0, Map.of(), 0.4))),
          new SiteModel(
              "perlmutter-xpcs",
              "/global/cfs/cdirs/m4123/balsam/perlmutter-xpcs",
              "m4123",
              "f93fe42e-abd2-49f2-9fb9-3534081c5253",
              Map.of("constraint", "gpu"),
              Map.of(
                  "debug", new Site.AllowedQueue(8, 30, 5),
                  "regular", new Site.AllowedQueue(1024, 720, 50)),
              "regular",
              Map.of(
                  "aps-dtn", "globus://d1ce8b6e-4e3a-11ee-9b5a-0242ac130003",
                  "home-cluster", "rsync://xfer@dtn01.example.org"),
              33871466,
              List.of(4, 8, 12),
              List.of(
                  app("XPCSCorrelator", "XPCS multi-tau correlation", "xpcs-run7", null, null)
                      .withTransfers(true, true)
                      .shape(List.of(1, 1, 2), List.of(1, 2, 3, 4), 4, 15, 0.25, DEPTH, 0.6),
                  app(
                          "TrainSurrogate",
                          "Distributed surrogate-model training",
                          "surrogate-v2",
                          null,
                          null)
                      .withCheckpoints()
                      .shape(List.of(2, 4, 5, 6, 7, 8), List.of(1), 4, 60, 1.0, DEPTH, 2.0))),
          new SiteModel(
              "aurora-ensemble",
              "/lus/flare/projects/Ensembles/balsam/aurora-ensemble",
              "Ensembles",
              null,
              Map.of(),
              Map.of(
                  "debug", new Site.AllowedQueue(2, 60, 1),
                  "prod", new Site.AllowedQueue(2048, 1440, 20)),
              "prod",
              Map.of("eagle-archive", "globus://9a1b7c2e-1111-4a4a-8f8f-0242ac130004"),
              9000411,
              List.of(16, 32, 64),
              List.of(
                  app("EnsembleMember", "One ensemble member", "ensemble-b", "member", null)
                      .withCheckpoints()
                      .shape(List.of(1, 2, 4), List.of(1, 2), 12, 30, 1.0, DEPTH, 1.0),
                  app(
                          "ArchiveMember",
                          "Reduce and archive a member",
                          "ensemble-b",
                          "archive",
                          "EnsembleMember")
                      .withTransfers(false, true)
                      .shape(List.of(1), List.of(4, 8), 1, 10, 0.0, Map.of(), 0.3))));

  private Catalog() {}

  public static List<SiteModel> sites() {
    return SITES;
  }

  private static AppDraft app(
      String name, String description, String experiment, String stage, String parentApp) {
    return new AppDraft(name, description, experiment, stage, parentApp, false, false, false);
  }

  private record AppDraft(
      String name,
      String description,
      String experiment,
      String stage,
      String parentApp,
      boolean stageIn,
      boolean stageOut,
      boolean checkpointed) {
    AppDraft withTransfers(boolean in, boolean out) {
      return new AppDraft(name, description, experiment, stage, parentApp, in, out, checkpointed);
    }

    AppDraft withCheckpoints() {
      return new AppDraft(name, description, experiment, stage, parentApp, stageIn, stageOut, true);
    }

    AppModel shape(
        List<Integer> nodes,
        List<Integer> packing,
        int ranksPerNode,
        int wallTimeMin,
        double gpusPerRank,
        Map<String, String> launchParams,
        double runTimeFactor) {
      return new AppModel(
          name,
          description,
          experiment,
          stage,
          parentApp,
          stageIn,
          stageOut,
          nodes,
          packing,
          ranksPerNode,
          wallTimeMin,
          gpusPerRank,
          launchParams,
          runTimeFactor,
          checkpointed);
    }
  }
}

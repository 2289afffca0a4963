package io.balsamexporter.sim.catalog;

import io.balsamexporter.sim.store.JsonbOrder;
import io.balsamexporter.sim.store.NewJob;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes the jobs a user would submit for an app: workdirs numbered per app, tags such as {@code
 * experiment}, {@code stage}, {@code scale_nodes} and sometimes {@code priority}, node counts and
 * packing from the app's shape. Tag maps are shared between jobs that have the same tags, which
 * matters for a store of a million jobs.
 */
public final class JobFactory {
  private final Map<String, Map<String, String>> tagMaps = new HashMap<>();
  private final Map<String, Integer> workdirCounters = new HashMap<>();

  public NewJob make(
      SplittableRandom random,
      Catalog.SiteModel site,
      Catalog.AppModel app,
      long appId,
      List<Long> parentIds) {
    int numNodes = app.nodeChoices().get(random.nextInt(app.nodeChoices().size()));
    int packing = app.packingChoices().get(random.nextInt(app.packingChoices().size()));
    double roll = random.nextDouble();
    String priority = roll < 0.08 ? "low" : roll < 0.16 ? "high" : null;
    NewJob.Resources resources =
        new NewJob.Resources(
            numNodes,
            app.ranksPerNode(),
            app.ranksPerNode() >= 32 ? 2 : 1,
            1,
            app.gpusPerRank(),
            packing,
            app.wallTimeMin(),
            app.launchParams());
    NewJob job =
        NewJob.of(workdir(app), appId, tags(app, numNodes, priority))
            .withParents(parentIds)
            .withResources(resources);
    if (app.stageIn() || app.stageOut()) {
      Map<String, NewJob.TransferRef> transfers = new LinkedHashMap<>();
      String alias = site.transferAlias();
      if (app.stageIn()) {
        transfers.put("h5_in", new NewJob.TransferRef(alias, "/data/" + job.workdir() + ".h5"));
      }
      if (app.stageOut()) {
        transfers.put("result_out", new NewJob.TransferRef(alias, "/results/" + job.workdir()));
      }
      job = job.withTransfers(transfers);
    }
    if ("sweep-alpha".equals(app.experiment())) {
      String alpha = String.format(Locale.ROOT, "%.4f", random.nextDouble() * 10);
      job = job.withData(Map.of("params", Map.of("alpha", alpha)));
    }
    return job;
  }

  private String workdir(Catalog.AppModel app) {
    int n = workdirCounters.merge(app.name(), 1, Integer::sum);
    return String.format(
        Locale.ROOT, "%s/%s_%05d", app.experiment(), app.name().toLowerCase(Locale.ROOT), n);
  }

  /** The tags in JSONB order, one shared map per distinct combination. */
  Map<String, String> tags(Catalog.AppModel app, int numNodes, String priority) {
    String key = app.experiment() + '|' + app.stage() + '|' + numNodes + '|' + priority;
    return tagMaps.computeIfAbsent(
        key,
        k -> {
          Map<String, String> tags = new LinkedHashMap<>();
          tags.put("experiment", app.experiment());
          if (app.stage() != null) {
            tags.put("stage", app.stage());
          }
          tags.put("scale_nodes", Integer.toString(numNodes));
          if (priority != null) {
            tags.put("priority", priority);
          }
          return JsonbOrder.sortedKeys(tags);
        });
  }
}

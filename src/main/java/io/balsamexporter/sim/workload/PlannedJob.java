package io.balsamexporter.sim.workload;

import io.balsamexporter.sim.catalog.Catalog;
import java.util.ArrayList;
import java.util.List;

/** The generator's notes on a job it created and has not seen end yet. */
final class PlannedJob {
  final long id;
  final SiteAgent site;
  final Catalog.AppModel app;
  final int numNodes;
  final int nodePackingCount;

  /** Children created while this job was unfinished: checked for release when it finishes. */
  final List<PlannedJob> waitingChildren = new ArrayList<>(0);

  int runs;
  boolean released;

  PlannedJob(long id, SiteAgent site, Catalog.AppModel app, int numNodes, int nodePackingCount) {
    this.id = id;
    this.site = site;
    this.app = app;
    this.numNodes = numNodes;
    this.nodePackingCount = nodePackingCount;
  }

  /** The share of nodes it occupies while RUNNING: num_nodes / node_packing_count. */
  double weight() {
    return (double) numNodes / nodePackingCount;
  }
}

package io.balsamexporter.bench.store;

import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.ingest.Checkpoint;
import io.balsamexporter.ingest.Inventory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory (sites, apps, batch jobs, observed allocations) as one row per item keyed by kind
 * and id, its value the item's JSON: a store writes the rows that changed since the last update and
 * deletes the ones gone, as the state file writes an inventory delta.
 */
final class InventoryRows {
  // Items are records: one unchanged since the last update is equal to the one kept.
  private Map<String, Object> last = Map.of();
  private Inventory lastInventory = Inventory.EMPTY;

  /** What changed: rows to put (key to JSON) and keys to delete. */
  record Change(Map<String, byte[]> put, List<String> deleted) {}

  Change change(Checkpoint checkpoint) throws IOException {
    if (checkpoint.inventory().isEmpty() || checkpoint.inventory().get() == lastInventory) {
      return new Change(Map.of(), List.of());
    }
    Inventory inventory = checkpoint.inventory().get();
    Map<String, Object> items = new HashMap<>();
    inventory.sites().forEach((id, site) -> items.put("site/" + id, site));
    inventory.apps().forEach((id, app) -> items.put("app/" + id, app));
    inventory.batchJobs().forEach(b -> items.put("batch/" + b.id(), b));
    // Kept as micros, as the state file keeps them.
    inventory
        .observed()
        .forEach(
            (id, seen) ->
                items.put(
                    "observed/" + id,
                    Arrays.asList(
                        RowCodec.micros(seen.firstSeenRunning()),
                        seen.firstSeenLeft() == null
                            ? null
                            : RowCodec.micros(seen.firstSeenLeft()))));
    Map<String, byte[]> put = new HashMap<>();
    for (Map.Entry<String, Object> item : items.entrySet()) {
      if (!item.getValue().equals(last.get(item.getKey()))) {
        put.put(item.getKey(), BalsamJson.mapper().writeValueAsBytes(item.getValue()));
      }
    }
    List<String> deleted = new ArrayList<>();
    for (String key : last.keySet()) {
      if (!items.containsKey(key)) {
        deleted.add(key);
      }
    }
    last = items;
    lastInventory = inventory;
    return new Change(put, deleted);
  }
}

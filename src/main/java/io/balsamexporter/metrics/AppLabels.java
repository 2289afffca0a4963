package io.balsamexporter.metrics;

import io.balsamexporter.balsam.App;
import io.balsamexporter.ingest.Inventory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The {@code app} label: an app's name while there is room, {@link TagLabels#OTHER} past the limit.
 * Apps are admitted in the order Balsam created them (their ids), so that the apps of the oldest
 * jobs keep their series and an exporter started later admits the same ones. Names are remembered
 * once seen, so that an app deleted from Balsam keeps the label its counts were under.
 */
final class AppLabels {
  /** The app label of an event whose job the exporter did not know. */
  static final String UNKNOWN = "__unknown__";

  private final int limit;
  private final Map<Long, String> names = new HashMap<>();
  private final Set<Long> admitted = new HashSet<>();

  AppLabels(int limit) {
    this.limit = limit;
  }

  /** Learns the apps of an inventory, admitting the oldest first while there is room. */
  void learn(Inventory inventory) {
    inventory.apps().values().stream()
        .sorted(Comparator.comparingLong(App::id))
        .forEach(
            app -> {
              names.put(app.id(), app.name() == null ? "" : app.name());
              if (admitted.size() < limit) {
                admitted.add(app.id());
              }
            });
  }

  String label(long appId) {
    String name = names.get(appId);
    if (name == null) {
      return UNKNOWN;
    }
    return admitted.contains(appId) ? name : TagLabels.OTHER;
  }
}

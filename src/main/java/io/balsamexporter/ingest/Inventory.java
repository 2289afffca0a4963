package io.balsamexporter.ingest;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Site;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a Balsam holds besides its jobs and events: its sites, apps and batch jobs, small listings
 * read whole on every poll. Jobs reach their site through their app ({@code Job.app_id} → {@code
 * App.site_id}).
 *
 * @param observed when the exporter saw batch jobs Balsam has not timed yet start and end, by id
 */
public record Inventory(
    Map<Long, Site> sites,
    Map<Long, App> apps,
    List<BatchJob> batchJobs,
    Map<Long, ObservedAllocation> observed) {

  /** The site label of a job whose app or site the exporter has not seen. */
  public static final String UNKNOWN_SITE = "__unknown__";

  public static final Inventory EMPTY = new Inventory(Map.of(), Map.of(), List.of());

  public Inventory {
    observed = Map.copyOf(observed);
  }

  /** An inventory with no observed allocation. */
  public Inventory(Map<Long, Site> sites, Map<Long, App> apps, List<BatchJob> batchJobs) {
    this(sites, apps, batchJobs, Map.of());
  }

  public static Inventory of(List<Site> sites, List<App> apps, List<BatchJob> batchJobs) {
    return new Inventory(byId(sites, Site::id), byId(apps, App::id), List.copyOf(batchJobs));
  }

  /** This inventory with {@code observed} as its observed allocations. */
  public Inventory withObserved(Map<Long, ObservedAllocation> observed) {
    return new Inventory(sites, apps, batchJobs, observed);
  }

  /**
   * This inventory, read at {@code seenAt}, with the allocations observed in {@code before} carried
   * on: batch jobs seen starting or ending now get this time.
   */
  Inventory observedSince(Inventory before, Instant seenAt) {
    return withObserved(ObservedAllocation.update(before.observed(), batchJobs, seenAt));
  }

  public String siteOfApp(long appId) {
    App app = apps.get(appId);
    return app == null ? UNKNOWN_SITE : siteName(app.siteId());
  }

  public String siteName(long siteId) {
    Site site = sites.get(siteId);
    return site == null ? UNKNOWN_SITE : site.name();
  }

  boolean knowsApp(long appId) {
    return apps.containsKey(appId);
  }

  private static <T> Map<Long, T> byId(List<T> items, Function<T, Long> id) {
    return items.stream()
        .collect(Collectors.toUnmodifiableMap(id, Function.identity(), (a, b) -> b));
  }
}

package io.balsamexporter.ingest;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Site;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The small collections read whole on every poll: sites, apps and batch jobs. Jobs reach their site
 * through their app ({@code Job.app_id} → {@code App.site_id}).
 */
public record Catalog(Map<Long, Site> sites, Map<Long, App> apps, List<BatchJob> batchJobs) {

  /** The site label of a job whose app or site the exporter has not seen. */
  public static final String UNKNOWN_SITE = "__unknown__";

  public static final Catalog EMPTY = new Catalog(Map.of(), Map.of(), List.of());

  public static Catalog of(List<Site> sites, List<App> apps, List<BatchJob> batchJobs) {
    return new Catalog(byId(sites, Site::id), byId(apps, App::id), List.copyOf(batchJobs));
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

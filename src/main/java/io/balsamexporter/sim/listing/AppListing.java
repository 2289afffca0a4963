package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.sim.request.LikePattern;
import io.balsamexporter.sim.request.Paging;
import io.balsamexporter.sim.request.ParamReader;
import io.balsamexporter.sim.request.QueryParams;
import io.balsamexporter.sim.request.SimResponse;
import io.balsamexporter.sim.request.ValidationError;
import io.balsamexporter.sim.store.SimStore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /apps/}: filters site_id, id, name, site_path (substring), site_name; id order only.
 */
public final class AppListing {
  private record Filter(
      Set<Long> siteIds,
      Set<Long> ids,
      Optional<String> name,
      Optional<LikePattern> sitePath,
      Optional<String> siteName) {

    boolean matches(App app, Site site) {
      return (siteIds.isEmpty() || siteIds.contains(app.siteId()))
          && (ids.isEmpty() || ids.contains(app.id()))
          && name.map(n -> n.equals(app.name())).orElse(true)
          && sitePath.map(p -> p.matches(site.path())).orElse(true)
          && siteName.map(n -> n.equals(site.name())).orElse(true);
    }
  }

  private AppListing() {}

  public static SimResponse list(SimStore store, long userId, QueryParams params) {
    ParamReader reader = new ParamReader(params);
    Paging paging = Paging.read(reader);
    Filter filter =
        new Filter(
            new HashSet<>(reader.integers("site_id")),
            new HashSet<>(reader.integers("id")),
            reader.string("name").filter(s -> !s.isEmpty()),
            reader.string("site_path").filter(s -> !s.isEmpty()).map(LikePattern::containing),
            reader.string("site_name").filter(s -> !s.isEmpty()));
    List<ValidationError> errors = reader.errors();
    if (!errors.isEmpty()) {
      return SimResponse.invalid(errors);
    }
    Page<App> page =
        store.read(
            data -> {
              UserScope scope = UserScope.of(data, userId);
              PageCollector<App> collector = PageCollector.inArrivalOrder(paging);
              for (App app : data.apps.values()) {
                Site site = data.sites.get(app.siteId());
                if (site != null && scope.siteVisible(site.id()) && filter.matches(app, site)) {
                  collector.accept(app);
                }
              }
              return collector.page();
            });
    return SimResponse.page(page);
  }
}

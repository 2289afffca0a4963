package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.sim.request.LikePattern;
import io.balsamexporter.sim.request.Paging;
import io.balsamexporter.sim.request.ParamReader;
import io.balsamexporter.sim.request.QueryParams;
import io.balsamexporter.sim.request.SimResponse;
import io.balsamexporter.sim.request.TimeRange;
import io.balsamexporter.sim.request.ValidationError;
import io.balsamexporter.sim.store.SimStore;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code GET /sites/}: filters name, path (substring), id, last_refresh_after; id order only. */
public final class SiteListing {
  private record Filter(
      Optional<String> name, Optional<LikePattern> path, Set<Long> ids, TimeRange lastRefresh) {

    boolean matches(Site site) {
      return name.map(n -> n.equals(site.name())).orElse(true)
          && path.map(p -> p.matches(site.path())).orElse(true)
          && (ids.isEmpty() || ids.contains(site.id()))
          && lastRefresh.contains(site.lastRefresh());
    }
  }

  private SiteListing() {}

  public static SimResponse list(SimStore store, long userId, QueryParams params) {
    ParamReader reader = new ParamReader(params);
    Paging paging = Paging.read(reader);
    Filter filter =
        new Filter(
            reader.string("name").filter(s -> !s.isEmpty()),
            reader.string("path").filter(s -> !s.isEmpty()).map(LikePattern::containing),
            new HashSet<>(reader.integers("id")),
            TimeRange.onlyAfter(reader, "last_refresh_after"));
    List<ValidationError> errors = reader.errors();
    if (!errors.isEmpty()) {
      return SimResponse.invalid(errors);
    }
    Page<Site> page =
        store.read(
            data -> {
              UserScope scope = UserScope.of(data, userId);
              PageCollector<Site> collector = PageCollector.inArrivalOrder(paging);
              for (Site site : data.sites.values()) {
                if (scope.siteVisible(site.id()) && filter.matches(site)) {
                  collector.accept(site);
                }
              }
              return collector.page();
            });
    return SimResponse.page(page);
  }
}

package io.balsamexporter.analytics;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Site;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filters of {@code /api/v1/failures}, named as the reports name them: {@code site}, {@code
 * app} (repeated: any of them), {@code tag} (repeated {@code key:value}, all of them), {@code
 * since}, {@code until}.
 */
public record FailureQuery(
    Optional<String> site,
    List<String> apps,
    Map<String, String> tags,
    Optional<Instant> since,
    Optional<Instant> until) {

  public static final List<String> NAMES = List.of("site", "app", "tag", "since", "until");

  public FailureQuery {
    apps = List.copyOf(apps);
    tags = Map.copyOf(tags);
  }

  /** Reads the filters; an unknown or malformed parameter is a {@link ReportException}. */
  public static FailureQuery parse(Map<String, List<String>> params) throws ReportException {
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      if (!NAMES.contains(param.getKey())) {
        throw new ReportException(
            "unknown parameter " + param.getKey() + "; known: " + String.join(", ", NAMES));
      }
    }
    // The reports' reader checks site, tag, since and until the same way here as there.
    Map<String, List<String>> shared = new LinkedHashMap<>(params);
    List<String> apps = shared.remove("app");
    ReportFilter filter =
        ReportParams.parse(ReportKind.THROUGHPUT, shared, ReportFormat.JSON).request().filter();
    for (String app : apps == null ? List.<String>of() : apps) {
      if (app.isBlank()) {
        throw new ReportException("app must name an app");
      }
    }
    return new FailureQuery(
        filter.site(),
        apps == null ? List.of() : apps,
        filter.tags(),
        filter.since(),
        filter.until());
  }

  /** The ids of the apps the query keeps, or null for any. */
  Set<Long> appIds(Collection<App> allApps, Collection<Site> allSites) throws ReportException {
    if (site.isEmpty() && apps.isEmpty()) {
      return null;
    }
    Long siteId = null;
    if (site.isPresent()) {
      siteId =
          allSites.stream()
              .filter(s -> s.name().equals(site.get()))
              .map(Site::id)
              .findFirst()
              .orElseThrow(() -> unknown("site", site.get(), names(allSites, Site::name)));
    }
    Set<Long> kept = new HashSet<>();
    for (App app : allApps) {
      if ((siteId == null || app.siteId() == siteId)
          && (apps.isEmpty() || apps.contains(app.name()))) {
        kept.add(app.id());
      }
    }
    for (String name : apps) {
      if (allApps.stream().noneMatch(a -> name.equals(a.name()))) {
        throw unknown("app", name, names(allApps, App::name));
      }
    }
    return kept;
  }

  private static <T> Set<String> names(
      Collection<T> items, java.util.function.Function<T, String> name) {
    Set<String> names = new TreeSet<>();
    items.forEach(i -> names.add(String.valueOf(name.apply(i))));
    return names;
  }

  private static ReportException unknown(String what, String name, Set<String> known) {
    return new ReportException(
        "no " + what + " named \"" + name + "\"; " + what + "s: " + String.join(", ", known));
  }
}

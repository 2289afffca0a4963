package io.balsamexporter.sim.api;

import io.balsamexporter.sim.listing.AppListing;
import io.balsamexporter.sim.listing.BatchJobListing;
import io.balsamexporter.sim.listing.EventIndexes;
import io.balsamexporter.sim.listing.EventListing;
import io.balsamexporter.sim.listing.JobListing;
import io.balsamexporter.sim.listing.SiteListing;
import io.balsamexporter.sim.request.QueryParams;
import io.balsamexporter.sim.request.SimRequest;
import io.balsamexporter.sim.request.SimResponse;
import io.balsamexporter.sim.store.SimStore;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The simulated server's route table with Starlette's routing rules: a path that matches only with
 * another method gets 405, a path that matches only with its trailing slash toggled gets a 307 to
 * the absolute canonical URL (query kept, no auth needed), anything else 404.
 */
public final class SimRouter {
  /** The listings whose pages {@link Faults#onceAfterPage} can follow. */
  static final Set<String> LISTINGS =
      Set.of("/sites/", "/apps/", "/jobs/", "/batch-jobs/", "/events/");

  @FunctionalInterface
  private interface Open {
    SimResponse handle(SimRequest request);
  }

  @FunctionalInterface
  private interface Protected {
    SimResponse handle(SimRequest request, SimTokens.Claims caller, String pathParam);
  }

  /** A route: a fixed path, or a prefix followed by one path parameter segment. */
  private record Route(String method, String path, boolean hasParam, Open open, Protected guarded) {
    String param(String requestPath) {
      if (!hasParam) {
        return requestPath.equals(path) ? "" : null;
      }
      if (!requestPath.startsWith(path) || requestPath.length() == path.length()) {
        return null;
      }
      String rest = requestPath.substring(path.length());
      return rest.indexOf('/') >= 0 ? null : rest;
    }
  }

  private final AuthRoutes auth;
  private final List<Route> routes;

  public SimRouter(SimStore store, AuthRoutes auth, EventIndexes eventIndexes) {
    this.auth = auth;
    ObjectRoutes objects = new ObjectRoutes(store);
    this.routes =
        List.of(
            open("GET", "/auth/how", request -> auth.how()),
            open("POST", "/auth/password/login", auth::login),
            open("POST", "/auth/password/register", auth::register),
            guarded("GET", "/auth/password/me", false, (r, caller, p) -> auth.me(caller)),
            listing("/sites/", (userId, query) -> SiteListing.list(store, userId, query)),
            listing("/apps/", (userId, query) -> AppListing.list(store, userId, query)),
            listing("/jobs/", (userId, query) -> JobListing.list(store, userId, query)),
            listing("/batch-jobs/", (userId, query) -> BatchJobListing.list(store, userId, query)),
            listing(
                "/events/",
                (userId, query) -> EventListing.list(store, eventIndexes, userId, query)),
            object("/sites/", objects::site),
            object("/apps/", objects::app),
            object("/jobs/", objects::job),
            object("/batch-jobs/", objects::batchJob));
  }

  SimResponse route(SimRequest request) {
    boolean pathKnown = false;
    for (Route route : routes) {
      String param = route.param(request.path());
      if (param == null) {
        continue;
      }
      pathKnown = true;
      if (route.method().equals(request.method())) {
        return handle(route, request, param);
      }
    }
    if (pathKnown) {
      return SimResponse.detail(405, "Method Not Allowed");
    }
    String toggled = toggleTrailingSlash(request.path());
    if (toggled != null && routes.stream().anyMatch(r -> r.param(toggled) != null)) {
      String query = request.rawQuery();
      return SimResponse.redirect(
          request.baseUrl() + toggled + (query == null || query.isEmpty() ? "" : "?" + query));
    }
    return SimResponse.detail(404, "Not Found");
  }

  private SimResponse handle(Route route, SimRequest request, String param) {
    if (route.open() != null) {
      return route.open().handle(request);
    }
    AuthRoutes.Authenticated caller = auth.authenticate(request);
    if (caller.refusal() != null) {
      return caller.refusal();
    }
    return route.guarded().handle(request, caller.claims(), param);
  }

  private static String toggleTrailingSlash(String path) {
    if (path.equals("/")) {
      return null;
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path + "/";
  }

  private static Route open(String method, String path, Open handler) {
    return new Route(method, path, false, handler, null);
  }

  private static Route guarded(String method, String path, boolean hasParam, Protected handler) {
    return new Route(method, path, hasParam, null, handler);
  }

  /** {@code GET <collection>/}: a listing for the caller. */
  private static Route listing(String path, BiFunction<Long, QueryParams, SimResponse> list) {
    return guarded("GET", path, false, (r, caller, p) -> list.apply(caller.userId(), r.query()));
  }

  /** {@code GET <collection>/{id}}: one object, if the caller may see it. */
  private static Route object(String prefix, BiFunction<Long, String, SimResponse> find) {
    return guarded("GET", prefix, true, (r, caller, id) -> find.apply(caller.userId(), id));
  }
}

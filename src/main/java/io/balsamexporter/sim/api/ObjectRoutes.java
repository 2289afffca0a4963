package io.balsamexporter.sim.api;

import io.balsamexporter.sim.listing.UserScope;
import io.balsamexporter.sim.request.SimJson;
import io.balsamexporter.sim.request.SimResponse;
import io.balsamexporter.sim.request.ValidationError;
import io.balsamexporter.sim.store.SimData;
import io.balsamexporter.sim.store.SimStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code GET /jobs/{id}}, {@code /sites/{id}}, {@code /apps/{id}}, {@code /batch-jobs/{id}}: the
 * object if the caller's site owns it, else 404 {@code {"error":"Not found"}}, the same for another
 * user's id as for a missing one.
 */
final class ObjectRoutes {
  private final SimStore store;

  ObjectRoutes(SimStore store) {
    this.store = store;
  }

  SimResponse job(long userId, String idText) {
    return find(
        "job_id",
        idText,
        (data, id) -> {
          var job = data.jobs.get(id);
          return job != null && UserScope.of(data, userId).siteOfApp(job.appId()) != null
              ? job
              : null;
        });
  }

  SimResponse site(long userId, String idText) {
    return find(
        "site_id",
        idText,
        (data, id) -> UserScope.of(data, userId).siteVisible(id) ? data.sites.get(id) : null);
  }

  SimResponse app(long userId, String idText) {
    return find(
        "app_id",
        idText,
        (data, id) -> {
          var app = data.apps.get(id);
          return app != null && UserScope.of(data, userId).siteVisible(app.siteId()) ? app : null;
        });
  }

  SimResponse batchJob(long userId, String idText) {
    return find(
        "batch_job_id",
        idText,
        (data, id) -> {
          var batchJob = data.batchJobs.get(id);
          return batchJob != null && UserScope.of(data, userId).siteVisible(batchJob.siteId())
              ? batchJob
              : null;
        });
  }

  private SimResponse find(String param, String idText, BiFunction<SimData, Long, Object> lookup) {
    Optional<Long> id = parseId(idText);
    if (id.isEmpty()) {
      return SimResponse.invalid(
          List.of(
              ValidationError.of(
                  List.of("path", param), "value is not a valid integer", "type_error.integer")));
    }
    Object found = store.read(data -> lookup.apply(data, id.get()));
    return found == null
        ? SimResponse.json(404, SimJson.write(Map.of("error", "Not found")))
        : SimResponse.json(200, SimJson.write(found));
  }

  private static Optional<Long> parseId(String text) {
    try {
      return Optional.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

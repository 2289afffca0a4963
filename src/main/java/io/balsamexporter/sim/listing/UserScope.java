package io.balsamexporter.sim.listing;

import io.balsamexporter.sim.store.SimData;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one user may see, as the server's joins decide it: the sites they own, the apps of those
 * sites, and through the apps the jobs and their events. Built per request under the read lock; its
 * size is that of the site and app tables, never of jobs or events.
 */
public final class UserScope {
  private final Set<Long> siteIds;
  private final Map<Long, Long> siteOfApp;
  private final boolean ownsEverySite;

  private UserScope(Set<Long> siteIds, Map<Long, Long> siteOfApp, boolean ownsEverySite) {
    this.siteIds = siteIds;
    this.siteOfApp = siteOfApp;
    this.ownsEverySite = ownsEverySite;
  }

  public static UserScope of(SimData data, long userId) {
    Set<Long> siteIds = new HashSet<>();
    for (Long siteId : data.sites.keySet()) {
      Long owner = data.siteOwner.get(siteId);
      if (owner != null && owner == userId) {
        siteIds.add(siteId);
      }
    }
    Map<Long, Long> siteOfApp = new HashMap<>();
    data.apps
        .values()
        .forEach(
            app -> {
              if (siteIds.contains(app.siteId())) {
                siteOfApp.put(app.id(), app.siteId());
              }
            });
    boolean ownsEverySite = !siteIds.isEmpty() && siteIds.size() == data.sites.size();
    return new UserScope(Set.copyOf(siteIds), siteOfApp, ownsEverySite);
  }

  public boolean siteVisible(long siteId) {
    return siteIds.contains(siteId);
  }

  /** The site of a visible app, or null when the app is missing or another user's. */
  public Long siteOfApp(long appId) {
    return siteOfApp.get(appId);
  }

  /**
   * The user's jobs: what the real server visits for a job listing it cannot answer from an index.
   * O(1) when the user owns every site, else one pass over jobs.
   */
  long jobsVisible(SimData data) {
    if (ownsEverySite) {
      return data.jobs.size();
    }
    return data.jobs.values().stream().filter(job -> siteOfApp(job.appId()) != null).count();
  }

  /**
   * The user's events: what the real server visits for any event listing without an id or job_id
   * filter, as it has no index on timestamps. O(1) when the user owns every site, else one pass.
   */
  long eventsVisible(SimData data) {
    if (ownsEverySite) {
      return data.events.size();
    }
    long visible = 0;
    for (var event : data.events) {
      var job = data.jobs.get(event.jobId());
      if (job != null && siteOfApp(job.appId()) != null) {
        visible++;
      }
    }
    return visible;
  }

  /**
   * True when the user owns every site, so every job and event is theirs and the per-row visibility
   * lookup can be skipped.
   */
  boolean ownsEverySite() {
    return ownsEverySite;
  }
}

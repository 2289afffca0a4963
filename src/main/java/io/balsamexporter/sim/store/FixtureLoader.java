package io.balsamexporter.sim.store;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Site;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * Loads listings recorded from a real server ({@code sites.json}, {@code apps.json}, {@code
 * jobs.json}, {@code batch-jobs.json}, {@code events.json}, each {@code {"count":N,"results":[…]}})
 * into a store unchanged: ids are kept and the id sequences continue after the largest loaded id.
 */
public final class FixtureLoader {
  private FixtureLoader() {}

  /** Loads every listing in {@code dir}; all loaded sites belong to {@code userId}. */
  public static void load(SimStore store, long userId, Path dir) throws IOException {
    List<Site> sites = read(dir.resolve("sites.json"), Site.class);
    List<App> apps = read(dir.resolve("apps.json"), App.class);
    List<Job> jobs = read(dir.resolve("jobs.json"), Job.class);
    List<BatchJob> batchJobs = read(dir.resolve("batch-jobs.json"), BatchJob.class);
    List<Event> events = read(dir.resolve("events.json"), Event.class);
    store.update(
        data -> {
          for (Site site : sites) {
            data.sites.put(site.id(), site);
            data.siteOwner.put(site.id(), userId);
            data.nextSiteId = Math.max(data.nextSiteId, site.id() + 1);
          }
          for (App app : apps) {
            data.apps.put(app.id(), app);
            data.nextAppId = Math.max(data.nextAppId, app.id() + 1);
          }
          for (Job job : jobs) {
            data.jobs.put(job.id(), job);
            data.nextJobId = Math.max(data.nextJobId, job.id() + 1);
          }
          for (BatchJob batchJob : batchJobs) {
            data.batchJobs.put(batchJob.id(), batchJob);
            data.nextBatchJobId = Math.max(data.nextBatchJobId, batchJob.id() + 1);
          }
          // events.json is in timestamp order; the table is kept in id (insertion) order.
          data.events.addAll(events);
          data.events.sort(Comparator.comparingLong(Event::id));
          for (Event event : events) {
            data.nextEventId = Math.max(data.nextEventId, event.id() + 1);
          }
        });
  }

  private static <T> List<T> read(Path file, Class<T> type) throws IOException {
    ObjectMapper mapper = BalsamJson.mapper();
    JavaType pageType = mapper.getTypeFactory().constructParametricType(Page.class, type);
    Page<T> page = mapper.readValue(Files.readAllBytes(file), pageType);
    return page.results();
  }
}

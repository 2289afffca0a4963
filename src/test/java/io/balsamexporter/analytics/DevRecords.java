package io.balsamexporter.analytics;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.BatchJob;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.testing.DevFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The recorded dev listings as the API's records, read with the client's own JSON mapping. */
record DevRecords(
    List<Site> sites,
    List<App> apps,
    List<Job> jobs,
    List<BatchJob> batchJobs,
    List<Event> events) {

  static DevRecords load() {
    return new DevRecords(
        read("sites.json", Site.class),
        read("apps.json", App.class),
        read("jobs.json", Job.class),
        read("batch-jobs.json", BatchJob.class),
        read("events.json", Event.class));
  }

  Map<Long, Job> jobsById() {
    Map<Long, Job> byId = new HashMap<>();
    jobs.forEach(j -> byId.put(j.id(), j));
    return byId;
  }

  /** The events of the jobs {@code criteria} keeps, as the command line would hold them. */
  EventTable table(JobCriteria criteria) {
    Map<Long, Job> byId = jobsById();
    return EventTable.of(
        events,
        id -> {
          Job job = byId.get(id);
          return job != null
              && criteria.matches(
                  id, job.appId(), job.tags(), job.batchJobId() == null ? 0 : job.batchJobId());
        },
        criteria.filter().since(),
        criteria.filter().until());
  }

  JobCriteria criteria(ReportFilter filter) {
    try {
      return JobCriteria.resolve(filter, sites, apps, batchJobs);
    } catch (ReportException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static <T> List<T> read(String file, Class<T> type) {
    ObjectMapper mapper = BalsamJson.mapper();
    JavaType pageType = mapper.getTypeFactory().constructParametricType(Page.class, type);
    try {
      Page<T> page = mapper.readValue(DevFixture.file(file), pageType);
      return page.results();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.balsamexporter.sim.listing;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.BalsamJson;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.testing.DevFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The recorded dev listings as the project's own records: the oracle of the sim tests, which
 * compare typed values. Tests that must not trust the project's parsing read {@link DevFixture}
 * instead.
 */
final class Recorded {
  static final List<Job> JOBS = read("jobs.json", Job.class);
  static final List<Event> EVENTS = read("events.json", Event.class);
  static final List<App> APPS = read("apps.json", App.class);
  static final Map<Long, Job> JOB_BY_ID =
      JOBS.stream().collect(Collectors.toMap(Job::id, Function.identity()));
  static final Map<Long, Long> SITE_OF_APP =
      APPS.stream().collect(Collectors.toMap(App::id, App::siteId));

  private Recorded() {}

  static long siteOf(Job job) {
    return SITE_OF_APP.get(job.appId());
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

package io.balsamexporter.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.App;
import io.balsamexporter.balsam.Event;
import io.balsamexporter.balsam.Job;
import io.balsamexporter.balsam.Site;
import io.balsamexporter.sim.store.SimAccounts;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Every listing shows only what lives under the caller's own sites. */
class ScopingTest {
  @AutoClose private final SimHarness dev = SimHarness.withDevFixtures();

  @Test
  void secondUserSeesNothingOfTheFirstUsersData() {
    SimAccounts.register(dev.store, "other", "other-password");
    String other = dev.http.login("other", "other-password");

    for (String listing : SimRouter.LISTINGS) {
      assertThat(dev.http.get(listing, other).body())
          .as(listing)
          .isEqualTo("{\"count\":0,\"results\":[]}");
    }
    for (String object : List.of("/jobs/1", "/sites/1", "/apps/1", "/batch-jobs/1")) {
      assertThat(dev.http.get(object, other).statusCode()).as(object).isEqualTo(404);
    }
  }

  @Test
  void eachUserSeesOnlyTheJobsAndEventsOfTheirOwnSites() {
    long otherId = SimAccounts.register(dev.store, "other", "other-password");
    Instant now = dev.clock.instant();
    dev.store.update(
        data -> {
          long siteId = data.nextSiteId++;
          data.sites.put(
              siteId,
              new Site(
                  "theta",
                  "/projects/theta",
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  siteId,
                  now,
                  now));
          data.siteOwner.put(siteId, otherId);
          long appId = data.nextAppId++;
          data.apps.put(appId, new App(siteId, "Hello", "", "", "", null, null, appId));
          long jobId = data.nextJobId++;
          data.jobs.put(jobId, job(jobId, appId, now));
          data.events.add(
              new Event(data.nextEventId++, jobId, now, "CREATED", "STAGED_IN", Map.of()));
        });
    String other = dev.http.login("other", "other-password");
    String mine = dev.login();

    assertThat(count("/jobs/", other)).isEqualTo(1);
    assertThat(count("/events/", other)).isEqualTo(1);
    assertThat(count("/sites/", other)).isEqualTo(1);
    assertThat(count("/apps/", other)).isEqualTo(1);
    assertThat(count("/jobs/", mine)).isEqualTo(199);
    assertThat(count("/events/", mine)).isEqualTo(836);
    assertThat(count("/events/?to_state=STAGED_IN", mine)).isEqualTo(189);
    assertThat(dev.http.get("/jobs/200", mine).statusCode()).isEqualTo(404);
    assertThat(dev.http.get("/jobs/200", other).statusCode()).isEqualTo(200);
  }

  private long count(String listing, String token) {
    return Http.json(dev.http.get(listing, token)).get("count").asLong();
  }

  private static Job job(long id, long appId, Instant now) {
    return new Job(
        id,
        "hello/1",
        Map.of(),
        appId,
        null,
        "",
        "",
        "",
        null,
        "STAGED_IN",
        now,
        Map.of(),
        null,
        true,
        List.of(),
        1,
        1,
        1,
        1,
        0.0,
        1,
        0,
        Map.of());
  }
}

package io.balsamexporter.sim.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Filters of {@code /sites/}, {@code /apps/} and {@code /batch-jobs/}. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CollectionFilterTest {
  @AutoClose private final SimHarness dev = SimHarness.withDevFixtures();
  private final String token = dev.login();

  @Test
  void sitesFilterByNamePathIdAndLastRefresh() {
    assertThat(ids("/sites/?name=perlmutter-xpcs")).isEqualTo("[2]");
    assertThat(ids("/sites/?path=/lus/eagle")).isEqualTo("[1]");
    assertThat(ids("/sites/?id=2&id=1")).isEqualTo("[1,2]");
    assertThat(ids("/sites/?last_refresh_after=2026-11-26T09:11:57.019795")).isEqualTo("[1,2]");
    assertThat(ids("/sites/?last_refresh_after=2026-11-26T09:12:02.847465")).isEqualTo("[2]");
    assertThat(ids("/sites/?last_refresh_after=2026-11-26T09:12:02.847466")).isEqualTo("[]");
  }

  @Test
  void appsFilterBySiteIdNameAndTheirSitesPathAndName() {
    assertThat(ids("/apps/?site_id=2")).isEqualTo(ids("/apps/?site_name=perlmutter-xpcs"));
    assertThat(ids("/apps/?site_path=ChemSim")).isEqualTo(ids("/apps/?site_id=1"));
    assertThat(ids("/apps/?name=SimulateMD")).isEqualTo("[1]");
    assertThat(ids("/apps/?id=2&id=5")).isEqualTo("[2,5]");
  }

  @Test
  void batchJobsFilterBySchedulerIdQueueSiteStateAndTags() {
    assertThat(ids("/batch-jobs/?scheduler_id=6112789")).isEqualTo("[1]");
    assertThat(ids("/batch-jobs/?scheduler_id=0")).isEqualTo("[1,2,3]");
    assertThat(ids("/batch-jobs/?queue=debug")).isEqualTo("[1,2]");
    assertThat(ids("/batch-jobs/?site_id=1")).isEqualTo("[1,3]");
    assertThat(ids("/batch-jobs/?state=queued&state=running")).isEqualTo("[2,3]");
    assertThat(ids("/batch-jobs/?state=no-such-state")).isEqualTo("[]");
    assertThat(ids("/batch-jobs/?filter_tags=experiment:md-lipid")).isEqualTo("[]");
    assertThat(ids("/batch-jobs/?filter_tags=experiment")).isEqualTo("[1,2,3]");
  }

  @Test
  void batchJobTimeBoundsAreInclusiveAndNeverMatchNull() {
    assertThat(ids("/batch-jobs/?start_time_after=2026-11-26T09:07:05")).isEqualTo("[1]");
    assertThat(ids("/batch-jobs/?end_time_before=2026-11-26T09:09:41")).isEqualTo("[1]");
    assertThat(ids("/batch-jobs/?end_time_before=2026-11-26T09:09:40")).isEqualTo("[]");
  }

  @Test
  void batchJobsOrderedByStartTimePutNullsLastAscendingAndFirstDescending() {
    assertThat(ids("/batch-jobs/?ordering=start_time")).isEqualTo("[1,2,3]");
    assertThat(ids("/batch-jobs/?ordering=-start_time")).isEqualTo("[2,3,1]");
  }

  @Test
  void batchJobOrderingOutsideTheEnumerationIsRejected() {
    HttpResponse<String> response = dev.http.get("/batch-jobs/?ordering=id", token);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(Http.json(response).get("detail").get(0).get("msg").asText())
        .isEqualTo(
            "value is not a valid enumeration member; permitted: 'start_time', '-start_time'");
  }

  @Test
  void severalInvalidParametersAreReportedTogether() {
    HttpResponse<String> response =
        dev.http.get("/events/?limit=100001&offset=-2&job_id=x&timestamp_after=soon", token);

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode detail = Http.json(response).get("detail");
    assertThat(detail).hasSize(4);
    assertThat(detail.get(2).get("loc").toString()).isEqualTo("[\"query\",\"job_id\",0]");
  }

  private String ids(String pathAndQuery) {
    HttpResponse<String> response = dev.http.get(pathAndQuery, token);
    assertThat(response.statusCode()).as(pathAndQuery).isEqualTo(200);
    return JobFilterTest.ids(Http.json(response)).toString().replace(" ", "");
  }
}

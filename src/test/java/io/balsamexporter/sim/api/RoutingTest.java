package io.balsamexporter.sim.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoutingTest {
  @AutoClose private final SimHarness dev = SimHarness.withDevFixtures();
  private final String token = dev.login();

  @Test
  void collectionWithoutTrailingSlashRedirectsWith307KeepingTheQuery() {
    HttpResponse<String> response = dev.http.get("/jobs?state=JOB_FINISHED", null);

    assertThat(response.statusCode()).isEqualTo(307);
    assertThat(response.headers().firstValue("Location"))
        .hasValue(dev.simulator.baseUrl() + "/jobs/?state=JOB_FINISHED");
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("Content-Type")).isEmpty();
  }

  @Test
  void objectWithTrailingSlashRedirectsToTheCanonicalPath() {
    HttpResponse<String> response = dev.http.get("/jobs/1/", token);

    assertThat(response.statusCode()).isEqualTo(307);
    assertThat(response.headers().firstValue("Location"))
        .hasValue(dev.simulator.baseUrl() + "/jobs/1");
  }

  @Test
  void singleJobIsServedAsInTheListing() {
    HttpResponse<String> object = dev.http.get("/jobs/76", token);
    JsonNode listed = Http.json(dev.http.get("/jobs/?id=76", token)).get("results").get(0);

    assertThat(object.statusCode()).isEqualTo(200);
    assertThat(object.body()).isEqualTo(listed.toString());
  }

  @Test
  void singleSiteAppAndBatchJobAreServed() {
    assertThat(Http.json(dev.http.get("/sites/2", token)).get("name").asText())
        .isEqualTo("perlmutter-xpcs");
    assertThat(Http.json(dev.http.get("/apps/1", token)).get("name").asText())
        .isEqualTo("SimulateMD");
    assertThat(Http.json(dev.http.get("/batch-jobs/1", token)).get("scheduler_id").asLong())
        .isEqualTo(6112789);
  }

  @Test
  void missingObjectIsNotFoundWithTheErrorKey() {
    for (String path : new String[] {"/jobs/99999", "/sites/9", "/apps/0", "/batch-jobs/77"}) {
      HttpResponse<String> response = dev.http.get(path, token);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).isEqualTo("{\"error\":\"Not found\"}");
    }
  }

  @Test
  void nonNumericObjectIdIsRejectedWith422() {
    HttpResponse<String> response = dev.http.get("/jobs/abc", token);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body())
        .isEqualTo(
            "{\"detail\":[{\"loc\":[\"path\",\"job_id\"],"
                + "\"msg\":\"value is not a valid integer\",\"type\":\"type_error.integer\"}]}");
  }

  @Test
  void unknownRouteIsNotFoundWithTheDetailKey() {
    for (String path : new String[] {"/events/1", "/nothing", "/jobs/1/events", "/"}) {
      HttpResponse<String> response = dev.http.get(path, token);

      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.body()).as(path).isEqualTo("{\"detail\":\"Not Found\"}");
    }
  }

  @Test
  void knownPathWithAnotherMethodIsMethodNotAllowed() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest delete =
        HttpRequest.newBuilder(URI.create(dev.simulator.baseUrl() + "/events/"))
            .header("Authorization", "Bearer " + token)
            .DELETE()
            .build();

    HttpResponse<String> response = client.send(delete, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.body()).isEqualTo("{\"detail\":\"Method Not Allowed\"}");
  }

  @Test
  void baseUrlIsLoopbackWithoutTrailingSlash() {
    assertThat(dev.simulator.baseUrl().toString()).matches("http://127\\.0\\.0\\.1:\\d+");
  }
}

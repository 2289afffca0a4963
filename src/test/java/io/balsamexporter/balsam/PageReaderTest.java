package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import io.balsamexporter.testing.DevFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageReaderTest {

  static BalsamResponse response(InputStream body) {
    return new BalsamResponse(
        "GET /events/",
        200,
        body,
        BodyDeadlines.start(body, Duration.ofMinutes(1)),
        Duration.ofMinutes(1),
        Optional.empty());
  }

  static BalsamResponse response(String body) {
    return response(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theRecordedEventListingIsReadItemByItem() throws BalsamException {
    try (BalsamResponse response = response(DevFixture.open("events.json"))) {
      Page<Event> page = new PageReader<>(Event.class).read(response);

      assertThat(page.count()).isEqualTo(836);
      assertThat(page.results()).hasSize(836);
      assertThat(page.results())
          .filteredOn(e -> e.toState().equals("RUNNING"))
          .hasSize(127)
          .allSatisfy(e -> assertThat(e.runningNodes()).isPositive());
    }
  }

  @Test
  void aRowThatBreaksTheModelRefusesTheWholePageAsABadResponse() {
    String good =
        "{\"id\": 5, \"job_id\": 2, \"timestamp\": \"2026-11-26T09:07:19.817042\","
            + " \"from_state\": \"READY\", \"to_state\": \"STAGED_IN\", \"data\": {}}";
    for (String bad :
        new String[] {
          good.replace("\"2026-11-26T09:07:19.817042\"", "null"),
          good.replace("\"id\": 5", "\"id\": 0"),
          good.replace("\"job_id\": 2", "\"job_id\": -2"),
          good.replace("\"to_state\": \"STAGED_IN\", ", ""),
        }) {
      String body = "{\"count\": 2, \"results\": [" + good + ", " + bad + "]}";
      assertThatThrownBy(() -> new PageReader<>(Event.class).read(response(body)))
          .as(bad)
          .isInstanceOfSatisfying(
              BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
    }
  }

  @Test
  void aJobWithoutStateOrLastUpdateIsABadResponse() {
    for (String bad :
        new String[] {
          "{\"id\": 1, \"app_id\": 1, \"state\": null,"
              + " \"last_update\": \"2026-11-26T09:07:19+00:00\"}",
          "{\"id\": 1, \"app_id\": 1, \"state\": \"READY\"}",
        }) {
      String body = "{\"count\": 1, \"results\": [" + bad + "]}";
      assertThatThrownBy(() -> new PageReader<>(Job.class).read(response(body)))
          .as(bad)
          .isInstanceOfSatisfying(
              BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE));
    }
  }

  @Test
  void everyRecordedListingMatchesTheModel() throws BalsamException {
    try (BalsamResponse jobs = response(DevFixture.open("jobs.json"));
        BalsamResponse batchJobs = response(DevFixture.open("batch-jobs.json"));
        BalsamResponse sites = response(DevFixture.open("sites.json"));
        BalsamResponse apps = response(DevFixture.open("apps.json"))) {
      assertThat(new PageReader<>(Job.class).read(jobs).results()).hasSize(199);
      assertThat(new PageReader<>(BatchJob.class).read(batchJobs).results()).hasSize(3);
      assertThat(new PageReader<>(Site.class).read(sites).results())
          .extracting(Site::name)
          .containsExactly("polaris-md", "perlmutter-xpcs");
      assertThat(new PageReader<>(App.class).read(apps).count()).isEqualTo(5);
    }
  }

  @Test
  void countIsTakenAsSentEvenWhenResultsComeFirst() throws BalsamException {
    String body =
        "{\"results\":[{\"id\":1,\"job_id\":2,\"timestamp\":\"2026-11-26T09:07:05\","
            + "\"from_state\":\"RUNNING\",\"to_state\":\"RUN_DONE\",\"data\":{}}],"
            + "\"extra\":{\"ignored\":[1,2]},\"count\":40}";

    Page<Event> page = new PageReader<>(Event.class).read(response(body));

    assertThat(page.count()).isEqualTo(40);
    assertThat(page.results())
        .singleElement()
        .extracting(Event::timestamp)
        .isEqualTo(Instant.parse("2026-11-26T09:07:05Z"));
  }

  @Test
  void aTruncatedBodyIsABadResponse() throws IOException {
    String whole = DevFixture.file("events.json");

    assertBadResponse(whole.substring(0, whole.length() / 2), "Unexpected end-of-input");
  }

  @Test
  void bodiesThatAreNotAPageAreBadResponses() {
    assertBadResponse("<html>502 Bad Gateway</html>", "Unexpected character");
    assertBadResponse("[]", "not a JSON object");
    assertBadResponse("{\"count\":3}", "missing results");
    assertBadResponse("{\"results\":[]}", "missing count");
    assertBadResponse("{\"count\":\"3\",\"results\":[]}", "count is not an integer");
    assertBadResponse("{\"count\":1,\"results\":{}}", "results is not a list");
    assertBadResponse("{\"count\":1,\"results\":[null]}", "null in results");
    assertBadResponse("{\"count\":0,\"results\":[]} {}", "content after the page object");
    assertBadResponse("{\"count\":1,\"results\":[{\"id\":\"x\"}]}", "Cannot deserialize");
    assertBadResponse("", "not a JSON object");
  }

  private static void assertBadResponse(String body, String reason) {
    assertThatThrownBy(() -> new PageReader<>(Event.class).read(response(body)))
        .as(body)
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE))
        .hasMessageStartingWith("GET /events/ failed: 200 OK but the body is not the expected JSON")
        .hasMessageContaining(reason);
  }

  @Test
  void aBodyThatStallsPastTheDeadlineIsUnreachableNotMalformed() {
    InputStream stalled =
        new InputStream() {
          private final java.util.concurrent.CountDownLatch closed =
              new java.util.concurrent.CountDownLatch(1);

          @Override
          public int read() throws IOException {
            try {
              // Blocks until the deadline closes the stream, as a stalled socket would.
              if (!closed.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("the deadline never closed the body");
              }
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            throw new IOException("closed");
          }

          @Override
          public void close() {
            closed.countDown();
          }
        };
    BalsamResponse response =
        new BalsamResponse(
            "GET /jobs/",
            200,
            stalled,
            BodyDeadlines.start(stalled, Duration.ofMillis(50)),
            Duration.ofMillis(50),
            Optional.empty());

    assertThatThrownBy(() -> new PageReader<>(Job.class).read(response))
        .isInstanceOfSatisfying(
            BalsamException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE))
        .hasMessage("GET /jobs/ failed: body not received within 50ms");
  }
}

package io.balsamexporter.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dev workload recorded from a real Balsam server, read straight from its JSON with no project
 * code, so tests compare the exporter with an independent reading of the same data.
 */
public final class DevFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  public static Path dir() {
    try {
      return Path.of(DevFixture.class.getResource("/fixtures/dev").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One fixture file's text, exactly as recorded. */
  public static String file(String name) {
    try {
      return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One fixture file as a stream of its bytes, for readers that stream. */
  public static InputStream open(String name) {
    try {
      return Files.newInputStream(dir().resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static List<JsonNode> results(String file) {
    try {
      List<JsonNode> rows = new ArrayList<>();
      JSON.readTree(dir().resolve(file).toFile()).get("results").forEach(rows::add);
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ids of up to {@code n} recorded jobs in {@code state}, in the recording's order. */
  public static List<Long> jobIdsIn(String state, int n) {
    List<Long> ids = new ArrayList<>();
    for (JsonNode job : results("jobs.json")) {
      if (job.get("state").asText().equals(state) && ids.size() < n) {
        ids.add(job.get("id").asLong());
      }
    }
    return ids;
  }

  /** Job id to the name of its site, through its app. */
  public static Map<Long, String> siteOfJob() {
    Map<Long, String> siteName = siteNames();
    Map<Long, String> siteOfApp = new HashMap<>();
    results("apps.json")
        .forEach(a -> siteOfApp.put(a.get("id").asLong(), siteName.get(a.get("site_id").asLong())));
    Map<Long, String> siteOfJob = new HashMap<>();
    results("jobs.json")
        .forEach(j -> siteOfJob.put(j.get("id").asLong(), siteOfApp.get(j.get("app_id").asLong())));
    return siteOfJob;
  }

  public static Map<Long, String> siteNames() {
    Map<Long, String> siteName = new HashMap<>();
    results("sites.json").forEach(s -> siteName.put(s.get("id").asLong(), s.get("name").asText()));
    return siteName;
  }

  /** The last value of one of the analytics CSVs (time,value). */
  public static double lastValue(String csv) {
    try {
      List<String> lines = Files.readAllLines(dir().resolve(csv));
      String last = lines.get(lines.size() - 1);
      return Double.parseDouble(last.substring(last.indexOf(',') + 1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DevFixture() {}
}

package io.balsamexporter.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.balsamexporter.balsam.BalsamTime;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The floor the exporter's first sync is measured against: downloads the same listings with the
 * same keyset pages, one request after the other, and parses every row with Jackson's streaming
 * parser, applying nothing.
 */
final class PlainClient {
  private final HttpClient http = HttpClient.newHttpClient();
  private final JsonFactory json = new JsonFactory();
  private final URI base;
  private final String token;
  long requests;

  PlainClient(URI base, String user, String password) throws IOException, InterruptedException {
    this.base = base;
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpRequest login =
        HttpRequest.newBuilder(at("/auth/password/login"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try (JsonParser parser =
        json.createParser(http.send(login, HttpResponse.BodyHandlers.ofInputStream()).body())) {
      String found = null;
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME
            && parser.currentName().equals("access_token")) {
          found = parser.nextTextValue();
        }
      }
      this.token = found;
    }
  }

  private URI at(String pathAndQuery) {
    String root = base.toString();
    return URI.create(
        (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + pathAndQuery);
  }

  /** Reads a whole listing in keyset pages ordered by {@code field}; returns the rows read. */
  long readAll(String path, String field, int pageSize) throws IOException, InterruptedException {
    Instant bound = null;
    int skip = 0;
    long read = 0;
    while (true) {
      StringBuilder query = new StringBuilder(path + "?ordering=" + field + "&limit=" + pageSize);
      if (bound != null) {
        query
            .append('&')
            .append(field)
            .append("_after=")
            .append(URLEncoder.encode(BalsamTime.format(bound), StandardCharsets.UTF_8));
      }
      if (skip > 0) {
        query.append("&offset=").append(skip);
      }
      HttpRequest request =
          HttpRequest.newBuilder(at(query.toString()))
              .header("Authorization", "Bearer " + token)
              .GET()
              .build();
      requests++;
      Instant last = null;
      int rows = 0;
      int tiesAtEnd = 0;
      try (InputStream body = http.send(request, HttpResponse.BodyHandlers.ofInputStream()).body();
          JsonParser parser = json.createParser(body)) {
        while (parser.nextToken() != null) {
          if (parser.currentToken() == JsonToken.FIELD_NAME
              && parser.currentName().equals("results")) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
              Instant time = timeOfRow(parser, field);
              rows++;
              tiesAtEnd = time.equals(last) ? tiesAtEnd + 1 : 1;
              last = time;
            }
          }
        }
      }
      read += rows;
      if (rows < pageSize) {
        return read;
      }
      if (last.equals(bound)) {
        skip += tiesAtEnd;
      } else {
        bound = last;
        skip = tiesAtEnd;
      }
    }
  }

  /** Reads one row object to its end, every field parsed, and returns its time field. */
  private static Instant timeOfRow(JsonParser parser, String field) throws IOException {
    Instant time = null;
    int depth = 1;
    while (depth > 0) {
      JsonToken token = parser.nextToken();
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        depth++;
      } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        depth--;
      } else if (token == JsonToken.FIELD_NAME
          && depth == 1
          && parser.currentName().equals(field)) {
        time = BalsamTime.parse(parser.nextTextValue());
      } else if (token == JsonToken.VALUE_STRING) {
        parser.getText();
      }
    }
    return time;
  }
}

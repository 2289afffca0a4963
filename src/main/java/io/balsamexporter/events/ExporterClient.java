package io.balsamexporter.events;

import io.balsamexporter.balsam.CaTrust;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * A client of a running exporter's HTTP API, as the {@code events} command needs one: HTTPS with an
 * extra trusted CA, and basic auth as the exporter's web config asks for it. The password is only
 * ever put in the Authorization header, never in a message.
 */
final class ExporterClient {
  private final URI base;
  private final HttpClient http;
  private final Optional<String> authorization;

  ExporterClient(URI base, Optional<Path> caFile, Optional<String> user, Optional<String> password)
      throws IOException {
    this.base = URI.create(base.toString().replaceAll("/+$", ""));
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (caFile.isPresent()) {
      builder.sslContext(CaTrust.withExtraCa(caFile.get()));
    }
    this.http = builder.build();
    this.authorization =
        user.map(
            u ->
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (u + ":" + password.orElse("")).getBytes(StandardCharsets.UTF_8)));
  }

  /** The body of a 200 answer to {@code GET pathAndQuery}. */
  String get(String pathAndQuery) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(60));
    authorization.ifPresent(value -> request.header("Authorization", value));
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException("cannot reach the exporter at " + base + ": " + e.getMessage(), e);
    }
    if (response.statusCode() == 401) {
      throw new IOException(
          "the exporter at "
              + base
              + " refuses the request (401): give --exporter.username and its password");
    }
    if (response.statusCode() != 200) {
      throw new IOException(
          "the exporter answered " + response.statusCode() + ": " + response.body().strip());
    }
    return response.body();
  }
}

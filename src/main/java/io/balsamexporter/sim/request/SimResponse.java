package io.balsamexporter.sim.request;

import io.balsamexporter.balsam.Page;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One response of the simulated server, built before anything is written to the socket, with the
 * rows the real server would have visited and serialised to answer it (0 for non-listings).
 */
public record SimResponse(
    int status,
    String contentType,
    byte[] body,
    Map<String, String> headers,
    boolean closeConnection,
    long rowsVisited,
    long rowsSerialised) {

  static final String JSON = "application/json";
  private static final Map<String, String> BEARER_CHALLENGE = Map.of("WWW-Authenticate", "Bearer");

  public static SimResponse json(int status, byte[] body) {
    return new SimResponse(status, JSON, body, Map.of(), false, 0, 0);
  }

  /** A listing page; the server visited the rows it matched, e.g. through an index. */
  public static SimResponse page(Page<?> page) {
    return page(page, page.count());
  }

  /** A listing page for which the server visited {@code rowsVisited} rows. */
  public static SimResponse page(Page<?> page, long rowsVisited) {
    return new SimResponse(
        200, JSON, SimJson.page(page), Map.of(), false, rowsVisited, page.results().size());
  }

  /** 422 with every rejected parameter. */
  public static SimResponse invalid(List<ValidationError> errors) {
    return json(422, SimJson.validation(errors));
  }

  public static SimResponse detail(int status, String detail) {
    return json(status, SimJson.detail(detail));
  }

  /** A refused bearer token; the challenge header is what FastAPI's OAuth2 scheme sends. */
  public static SimResponse unauthenticated(String detail) {
    return new SimResponse(401, JSON, SimJson.detail(detail), BEARER_CHALLENGE, false, 0, 0);
  }

  /** An unhandled server error: plain text, and the server drops the keep-alive connection. */
  public static SimResponse internalError() {
    return new SimResponse(
        500,
        "text/plain; charset=utf-8",
        "Internal Server Error".getBytes(StandardCharsets.UTF_8),
        Map.of(),
        true,
        0,
        0);
  }

  /** Starlette's slash redirect: absolute location, empty body. */
  public static SimResponse redirect(String location) {
    return new SimResponse(307, null, new byte[0], Map.of("Location", location), false, 0, 0);
  }

  public boolean isOk() {
    return status == 200;
  }
}

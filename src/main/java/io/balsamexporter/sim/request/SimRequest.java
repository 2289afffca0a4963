package io.balsamexporter.sim.request;

/** What the simulator needs of an HTTP request, independent of the server library. */
public record SimRequest(
    String method,
    String path,
    String rawQuery,
    String authorization,
    String contentType,
    byte[] body,
    String baseUrl) {

  public QueryParams query() {
    return QueryParams.parse(rawQuery);
  }
}

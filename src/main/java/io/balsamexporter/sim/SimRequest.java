package io.balsamexporter.sim;

/** What the simulator needs of an HTTP request, independent of the server library. */
record SimRequest(
    String method,
    String path,
    String rawQuery,
    String authorization,
    String contentType,
    byte[] body,
    String baseUrl) {

  QueryParams query() {
    return QueryParams.parse(rawQuery);
  }
}

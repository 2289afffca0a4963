package io.balsamexporter.balsam;

/**
 * The checks the API's records make of what they are built from. A record built from a response
 * that breaks one fails the decoding, so the request is refused as a bad response before the
 * exporter changes anything.
 */
final class Wire {
  private Wire() {}

  static void positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be a positive integer, got " + value);
    }
  }

  static void atLeast(String field, long value, long least) {
    if (value < least) {
      throw new IllegalArgumentException(field + " must be at least " + least + ", got " + value);
    }
  }

  static void present(String field, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing or null");
    }
  }
}

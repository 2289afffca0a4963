package io.balsamexporter.balsam;

/** Told of every HTTP request the client makes, so metrics can count them without coupling. */
@FunctionalInterface
public interface RequestObserver {
  RequestObserver NONE = (endpoint, code) -> {};

  /**
   * @param endpoint the canonical path, e.g. {@code /events/} or {@code /auth/password/login}
   * @param code the HTTP status, or {@code "error"} when no response arrived
   */
  void requestDone(String endpoint, String code);

  /**
   * A listing failed for a reason that may pass and is tried again: counted, not logged, so that an
   * outage is one log line when it starts and one when it ends.
   *
   * @param endpoint the listing tried again, e.g. {@code /events/}
   */
  default void retried(String endpoint) {}
}

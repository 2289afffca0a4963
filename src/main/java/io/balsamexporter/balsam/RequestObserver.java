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
}

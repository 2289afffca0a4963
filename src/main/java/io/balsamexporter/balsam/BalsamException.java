package io.balsamexporter.balsam;

/**
 * A request to Balsam that did not give a usable answer. Messages name the endpoint and the status
 * but never a token or password.
 */
public final class BalsamException extends Exception {

  /** Why the request failed, coarse enough to drive retries, {@code balsam_up} and alerts. */
  public enum Kind {
    /** Connection refused, reset, timed out, or TLS failed: Balsam could not be reached. */
    UNREACHABLE,
    /** 401 after logging in again, or no usable credentials. */
    UNAUTHORIZED,
    /** 5xx after the retries were spent. */
    SERVER_ERROR,
    /** A 4xx other than 401: the request itself is wrong, retrying will not help. */
    CLIENT_ERROR,
    /** A 2xx whose body is not the JSON the API promises. */
    BAD_RESPONSE
  }

  private final Kind kind;
  private final int status;

  public BalsamException(Kind kind, int status, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public BalsamException(Kind kind, int status, String message) {
    this(kind, status, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }
}

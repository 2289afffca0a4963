package io.balsamexporter.balsam;

import java.time.Instant;
import java.util.Optional;

/**
 * Where the client's bearer token comes from. The client asks for a token before each request and
 * once more after a 401; only credentials that can log in again hand out a new one.
 */
public interface BalsamAuthenticator {

  /** The token to send now, logging in first if there is none or it is about to expire. */
  BearerToken token(BalsamHttp http, Instant now) throws BalsamException;

  /**
   * Called after Balsam refused {@code rejected}: a different token worth one more try, or empty
   * when these credentials cannot produce one.
   */
  Optional<BearerToken> renew(BearerToken rejected, BalsamHttp http, Instant now)
      throws BalsamException;

  /** When the token in use expires, where that is known. */
  Optional<Instant> tokenExpiry();

  /** What the user should do about a refused token, appended to the final 401 message. */
  String rejectionAdvice(Instant now);
}

package io.balsamexporter.balsam;

import java.time.Instant;
import java.util.Optional;

/**
 * The read side of the Balsam REST API that the exporter needs. One call is one HTTP request (plus
 * the retries and logins the implementation needs); paging is the caller's business.
 */
public interface BalsamApi {

  Page<Site> sites(Query query) throws BalsamException;

  Page<App> apps(Query query) throws BalsamException;

  Page<Job> jobs(Query query) throws BalsamException;

  Page<BatchJob> batchJobs(Query query) throws BalsamException;

  Page<Event> events(Query query) throws BalsamException;

  /** When the bearer token in use expires, where that is known. */
  default Optional<Instant> tokenExpiry() {
    return Optional.empty();
  }
}

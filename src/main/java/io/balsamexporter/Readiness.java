package io.balsamexporter;

import io.balsamexporter.analytics.Overview;
import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.http.ExporterServer;
import io.balsamexporter.ingest.PollResult;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code /-/ready} says before the first sync is done: the sync is running, or the last poll
 * could not reach Balsam or was refused, which a "sync is running" would hide from the operator.
 */
final class Readiness {
  private volatile boolean synced;
  private volatile Optional<BalsamException> lastFailure = Optional.empty();
  // When the polls began to fail: the console says since when Balsam is out of reach.
  private volatile Instant failingSince;

  void pollDone(PollResult result, boolean nowSynced, Instant at) {
    lastFailure = result.failure();
    synced = nowSynced;
    if (lastFailure.isEmpty()) {
      failingSince = null;
    } else if (failingSince == null) {
      failingSince = at;
    }
  }

  /** How the polls go, as the console shows it. */
  Overview.Status status() {
    Optional<BalsamException> failure = lastFailure;
    return new Overview.Status(
        synced,
        failure.isEmpty() ? null : failingSince,
        failure.map(Readiness::describe).orElse(null));
  }

  Optional<String> notReady() {
    if (synced) {
      return Optional.empty();
    }
    return Optional.of(
        lastFailure.map(Readiness::describe).orElse(ExporterServer.FIRST_SYNC_RUNNING));
  }

  private static String describe(BalsamException failure) {
    String what =
        switch (failure.kind()) {
          case UNREACHABLE -> "Balsam is unreachable";
          case UNAUTHORIZED -> "Balsam refuses the login";
          case SERVER_ERROR -> "Balsam answers with server errors";
          case CLIENT_ERROR -> "Balsam rejects the exporter's request";
          case BAD_RESPONSE -> "Balsam's answer is not the JSON its API promises";
        };
    return what + " (" + failure.getMessage() + "); the first sync starts again at the next poll";
  }
}

package io.balsamexporter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.BalsamException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OutageLogTest {
  private final OutageLog log = new OutageLog();

  private static PollResult failed(Kind kind) {
    return PollResult.failure(new BalsamException(kind, 0, "GET /sites/ failed"), Duration.ZERO);
  }

  private static PollResult ok() {
    return PollResult.success(PollResult.Counts.NONE, Duration.ZERO);
  }

  @Test
  void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
    assertThat(log.lineFor(failed(Kind.UNREACHABLE), false))
        .get()
        .asString()
        .contains("kind=unreachable", "GET /sites/ failed");
    assertThat(log.lineFor(failed(Kind.UNREACHABLE), false)).isEmpty();
    assertThat(log.lineFor(failed(Kind.UNREACHABLE), false)).isEmpty();
    assertThat(log.lineFor(ok(), false))
        .get()
        .asString()
        .contains("reachable again", "failed_polls=3");
    assertThat(log.lineFor(ok(), false)).isEmpty();
  }

  @Test
  void aChangeInTheKindOfFailureIsLogged() {
    log.lineFor(failed(Kind.UNREACHABLE), false);
    assertThat(log.lineFor(failed(Kind.UNAUTHORIZED), false))
        .get()
        .asString()
        .contains("kind=unauthorized");
  }

  @Test
  void theEndOfTheFirstSyncIsLogged() {
    assertThat(log.lineFor(ok(), true)).get().asString().contains("first sync done");
  }

  @Test
  void aRecoveryThatEndsTheFirstSyncIsOneLineWithOneMessage() {
    log.lineFor(failed(Kind.UNREACHABLE), false);

    assertThat(log.lineFor(ok(), true))
        .contains(
            "msg=\"Balsam reachable again, first sync done, ready\" events=0 duration=0.0s"
                + " failed_polls=1");
  }

  @Test
  void anErrorMessageHoldingQuotesStaysInsideItsValue() {
    PollResult failure =
        PollResult.failure(
            new BalsamException(Kind.BAD_RESPONSE, 200, "bad \"state\" in\nrow"), Duration.ZERO);

    assertThat(log.lineFor(failure, false))
        .contains(
            "msg=\"Balsam poll failed\" kind=bad_response error=\"bad \\\"state\\\" in\\nrow\"");
  }
}

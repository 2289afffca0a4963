package io.balsamexporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.testing.BoundedProcess;
import io.balsamexporter.testing.ChildExporter;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM, as systemd, Docker and Kubernetes send it, stops the exporter within a bound even while
 * a poll waits on a Balsam that takes 30 s a request: the poll is abandoned, the port closes, the
 * process exits with the code of a process ended by SIGTERM and says so in its log.
 */
class GracefulShutdownTest {
  /** What the test allows from SIGTERM to exit; well under Kubernetes' default grace of 30 s. */
  private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

  private static final Duration SLOW = Duration.ofSeconds(30);

  private final SimHarness balsam = SimHarness.withDevFixtures();

  @AfterEach
  void stop() {
    balsam.simulator.faults().reset();
    balsam.close();
  }

  private BoundedProcess.Running exporter() {
    return ChildExporter.start(
        balsam, "--balsam.timeout=2m", "--balsam.retries=0", "--balsam.poll-interval=1s");
  }

  @Test
  void sigtermDuringASlowFirstSyncStopsTheExporterWithinTheBound() {
    balsam.simulator.faults().slow(SLOW);
    try (BoundedProcess.Running child = exporter()) {
      int port = ChildExporter.port(child);
      // The login, the first request of the first sync, now waits on the 30 s server.
      FaultStack.sleep(Duration.ofSeconds(1));
      assertThat(Scrape.of(port).polls("success")).isZero();
      assertThat(Contract.allPolls(Scrape.of(port))).isZero();

      assertStopsCleanly(child, port);
    }
  }

  @Test
  void sigtermDuringASlowPollAfterTheFirstSyncStopsTheExporterWithinTheBound() {
    try (BoundedProcess.Running child = exporter()) {
      int port = ChildExporter.port(child);
      FaultStack.await("the first sync ends", () -> Http.get(port, "/-/ready").statusCode() == 200);
      balsam.simulator.faults().slow(SLOW);
      // Longer than the poll interval: the next poll has started and waits on the server.
      Scrape before = Scrape.of(port);
      FaultStack.sleep(Duration.ofMillis(2500));
      assertThat(Contract.allPolls(Scrape.of(port)))
          .isLessThanOrEqualTo(Contract.allPolls(before) + 1);

      assertStopsCleanly(child, port);
    }
  }

  private static void assertStopsCleanly(BoundedProcess.Running child, int port) {
    long signalled = System.nanoTime();
    child.terminate();
    Optional<Integer> exit = child.awaitExit(STOP_LIMIT);
    Duration took = Duration.ofNanos(System.nanoTime() - signalled);

    assertThat(exit)
        .as("exited within %s of SIGTERM; output:%n%s", STOP_LIMIT, child.output())
        .isPresent();
    // 143 = 128 + SIGTERM: the JVM's status once its shutdown hooks ran after the signal.
    assertThat(exit.get()).as("exit code; output:%n%s", child.output()).isIn(0, 143);
    assertThat(child.output())
        .contains("msg=\"shutting down\"")
        .contains("msg=\"stopped\"")
        .doesNotContain("Exception")
        .doesNotContain(SimHarness.PASSWORD);
    assertThat(refuses(port)).as("the port refuses connections").isTrue();
    System.out.printf(
        "exporter stopped %d ms after SIGTERM, exit code %d%n", took.toMillis(), exit.get());
  }

  private static boolean refuses(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return false;
    } catch (IOException e) {
      return true;
    }
  }
}

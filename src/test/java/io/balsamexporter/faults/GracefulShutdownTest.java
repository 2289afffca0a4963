package io.balsamexporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Main;
import io.balsamexporter.testing.BoundedProcess;
import io.balsamexporter.testing.Http;
import io.balsamexporter.testing.SimHarness;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
  private static final Pattern LISTENING =
      Pattern.compile("msg=\"listening\" metrics=http://127\\.0\\.0\\.1:(\\d+)/metrics");

  private final SimHarness balsam = SimHarness.withDevFixtures();

  @AfterEach
  void stop() {
    balsam.simulator.faults().reset();
    balsam.close();
  }

  private BoundedProcess.Running exporter() {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + Path.of("target", "no-home").toAbsolutePath(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--balsam.url=" + balsam.simulator.baseUrl(),
                "--balsam.username=" + SimHarness.USER,
                "--balsam.timeout=2m",
                "--balsam.retries=0",
                "--balsam.poll-interval=1s",
                "--web.listen-address=127.0.0.1:0"));
    Map<String, String> env = new HashMap<>();
    System.getenv().keySet().stream()
        .filter(k -> k.startsWith("BALSAM_EXPORTER_"))
        .forEach(k -> env.put(k, null));
    env.put("BALSAM_CLIENT_PATH", null);
    env.put("BALSAM_EXPORTER_BALSAM_PASSWORD", SimHarness.PASSWORD);
    return BoundedProcess.start(command, env);
  }

  private static int port(BoundedProcess.Running child) {
    int[] port = {0};
    FaultStack.await(
        "the exporter prints where it listens",
        () -> {
          assertThat(child.isAlive()).as("the exporter runs:%n%s", child.output()).isTrue();
          Matcher m = LISTENING.matcher(child.output());
          if (m.find()) {
            port[0] = Integer.parseInt(m.group(1));
          }
          return port[0] > 0;
        });
    return port[0];
  }

  @Test
  void sigtermDuringASlowFirstSyncStopsTheExporterWithinTheBound() {
    balsam.simulator.faults().slow(SLOW);
    try (BoundedProcess.Running child = exporter()) {
      int port = port(child);
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
      int port = port(child);
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

package io.balsamexporter.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.Main;
import io.balsamexporter.testing.BoundedProcess;
import io.balsamexporter.testing.SimHarness;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exporter as its own JVM, for what only a process can show (signals, a kill), polling the
 * simulator as {@link SimHarness#USER} with the password in the environment and nothing of the
 * machine's own Balsam or exporter settings.
 */
final class ChildExporter {
  private static final Pattern LISTENING =
      Pattern.compile("msg=\"listening\" metrics=http://127\\.0\\.0\\.1:(\\d+)/metrics");

  private ChildExporter() {}

  /** Starts one on a free loopback port, with {@code flags} after the ones every child has. */
  static BoundedProcess.Running start(SimHarness balsam, String... flags) {
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
                "--web.listen-address=127.0.0.1:0"));
    command.addAll(List.of(flags));
    Map<String, String> env = new HashMap<>();
    System.getenv().keySet().stream()
        .filter(k -> k.startsWith("BALSAM_EXPORTER_"))
        .forEach(k -> env.put(k, null));
    env.put("BALSAM_CLIENT_PATH", null);
    env.put("BALSAM_EXPORTER_BALSAM_PASSWORD", SimHarness.PASSWORD);
    return BoundedProcess.start(command, env);
  }

  /** The port it listens on, once it says so. */
  static int port(BoundedProcess.Running child) {
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
}

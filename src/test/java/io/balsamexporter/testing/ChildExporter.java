package io.balsamexporter.testing;

import io.balsamexporter.Main;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exporter as its own JVM, for what only a process can show (signals, a kill, its resident
 * memory), with the password in the environment and nothing of the machine's own Balsam or exporter
 * settings.
 */
public final class ChildExporter {
  private static final Pattern LISTENING =
      Pattern.compile("msg=\"listening\" metrics=http://127\\.0\\.0\\.1:(\\d+)/metrics");

  private ChildExporter() {}

  /** One polling the simulator as {@link SimHarness#USER}, with {@code flags} after its own. */
  public static BoundedProcess.Running start(SimHarness balsam, String... flags) {
    return start(
        balsam.simulator.baseUrl(), SimHarness.USER, SimHarness.PASSWORD, List.of(), flags);
  }

  /**
   * One on a free loopback port polling {@code balsam} as {@code user}, run from the test class
   * path.
   *
   * @param jvmOptions options for its JVM, before the class path
   */
  public static BoundedProcess.Running start(
      URI balsam, String user, String password, List<String> jvmOptions, String... flags) {
    return launch(
        List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()),
        balsam,
        user,
        password,
        jvmOptions,
        flags);
  }

  /**
   * As {@link #start(URI, String, String, List, String...)}, run from the packaged {@code jar} as a
   * user runs it ({@code java -jar}): for what the class path of the tests would distort, the
   * start-up above all.
   */
  public static BoundedProcess.Running startJar(
      Path jar,
      URI balsam,
      String user,
      String password,
      List<String> jvmOptions,
      String... flags) {
    return launch(
        List.of("-jar", jar.toAbsolutePath().toString()),
        balsam,
        user,
        password,
        jvmOptions,
        flags);
  }

  private static BoundedProcess.Running launch(
      List<String> program,
      URI balsam,
      String user,
      String password,
      List<String> jvmOptions,
      String... flags) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Duser.home=" + Path.of("target", "no-home").toAbsolutePath());
    command.addAll(program);
    command.addAll(
        List.of(
            "--balsam.url=" + balsam,
            "--balsam.username=" + user,
            "--web.listen-address=127.0.0.1:0"));
    command.addAll(List.of(flags));
    Map<String, String> env = new HashMap<>();
    System.getenv().keySet().stream()
        .filter(k -> k.startsWith("BALSAM_EXPORTER_"))
        .forEach(k -> env.put(k, null));
    env.put("BALSAM_CLIENT_PATH", null);
    env.put("BALSAM_EXPORTER_BALSAM_PASSWORD", password);
    return BoundedProcess.start(command, env);
  }

  /** The port it listens on, once it says so; fails if it exits or is silent for a minute. */
  public static int port(BoundedProcess.Running child) {
    Await.until(
        "the exporter says where it listens",
        Duration.ofMinutes(1),
        () -> {
          if (!child.isAlive()) {
            throw new AssertionError("the exporter exited:\n" + child.output());
          }
          return LISTENING.matcher(child.output()).find();
        });
    Matcher m = LISTENING.matcher(child.output());
    m.find();
    return Integer.parseInt(m.group(1));
  }
}

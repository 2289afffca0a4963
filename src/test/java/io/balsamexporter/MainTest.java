package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.testing.BoundedProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The process as an operator starts it: bad settings stop it before it binds its port. */
class MainTest {

  private record Run(int exitCode, String output) {}

  private static Run main(String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A home without ~/.balsam/client.yml: the machine's own login must not leak in.
                "-Duser.home=" + Path.of("target", "no-home").toAbsolutePath(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    Map<String, String> unset = new HashMap<>();
    System.getenv().keySet().stream()
        .filter(k -> k.startsWith("BALSAM_EXPORTER_"))
        .forEach(k -> unset.put(k, null));
    unset.put("BALSAM_CLIENT_PATH", null);
    BoundedProcess.Result result = BoundedProcess.run(command, "", unset, Duration.ofSeconds(60));
    return new Run(result.exitCode(), result.output());
  }

  @Test
  void aBadValueStopsTheExporterWithAMessageNamingTheSettingAndTheRule() throws Exception {
    Run run = main("--balsam.url=http://127.0.0.1:9", "--balsam.poll-interval=0s");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--balsam.poll-interval", "at least 1s");
  }

  @Test
  void withoutAServerOrDemoTheExporterStopsWithExitTwoAndSaysHowToGiveOne() throws Exception {
    Run run = main("--web.listen-address=127.0.0.1:0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("no Balsam server given", "--balsam.url", "--demo");
  }

  @Test
  void noCredentialsForARealServerIsOneMessageAndExitTwo() throws Exception {
    Run run = main("--balsam.url=http://127.0.0.1:9", "--web.listen-address=127.0.0.1:0");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("no credentials for http://127.0.0.1:9");
    assertThat(run.output()).doesNotContain("INFO", "ERROR");
  }

  @Test
  void anUnknownFlagIsAnError() throws Exception {
    Run run = main("--balsam.urll=http://127.0.0.1:9");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("unknown flag --balsam.urll; did you mean --balsam.url?");
  }

  @Test
  void helpListsEveryFlagWithItsDefault() throws Exception {
    Run run = main("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains("--balsam.poll-interval", "15s", "--web.listen-address", ":10064");
  }
}

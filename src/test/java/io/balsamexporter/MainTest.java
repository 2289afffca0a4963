package io.balsamexporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The process as an operator starts it: bad settings stop it before it binds its port. */
class MainTest {

  private record Run(int exitCode, String output) {}

  private static Run main(String... args) throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("BALSAM_EXPORTER_"));
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
    return new Run(process.exitValue(), output);
  }

  @Test
  void aBadValueStopsTheExporterWithAMessageNamingTheSettingAndTheRule() throws Exception {
    Run run = main("--balsam.url=http://127.0.0.1:9", "--balsam.poll-interval=0s");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--balsam.poll-interval", "at least 1s");
  }

  @Test
  void anUnknownFlagIsAnError() throws Exception {
    Run run = main("--balsam.urll=http://127.0.0.1:9");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.output()).contains("--balsam.urll").contains("--balsam.url");
  }

  @Test
  void helpListsEveryFlagWithItsDefault() throws Exception {
    Run run = main("--help");
    assertThat(run.exitCode()).isZero();
    assertThat(run.output())
        .contains("--balsam.poll-interval", "15s", "--web.listen-address", ":10064");
  }
}

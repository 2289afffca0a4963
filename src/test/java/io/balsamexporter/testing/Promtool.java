package io.balsamexporter.testing;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real promtool from Debian's prometheus package. Outside CI a missing promtool skips the test
 * with a message; in CI ({@code CI} set) it fails, because .ci/run installs it.
 */
public final class Promtool {

  /** The promtool on PATH; skips (outside CI) or fails (in CI) when there is none. */
  public static Path require() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError("promtool is not installed; .ci/run should have installed it");
    }
    assumeThat(false)
        .as("promtool not found on PATH: install Debian's prometheus package to run this test")
        .isTrue();
    throw new IllegalStateException("unreachable");
  }

  /** Runs promtool with {@code stdin}; returns its exit code and combined output. */
  public static Result run(String stdin, String... args) {
    Path promtool = require();
    List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    ChildProcess.Result result =
        ChildProcess.run(command, stdin, env -> {}, Duration.ofSeconds(60));
    return new Result(result.exitCode(), result.output());
  }

  /** What promtool said. */
  public record Result(int exitCode, String output) {}

  private Promtool() {}
}

package io.balsamexporter.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real promtool from Debian's prometheus package. Outside CI a missing promtool skips the test
 * with a message; in CI ({@code CI} set) it fails, because .ci/run installs it.
 */
public final class Promtool {
  private static final Duration LIMIT = Duration.ofSeconds(60);

  /** The promtool on PATH; skips (outside CI) or fails (in CI) when there is none. */
  public static Path require() {
    return RequiredBinary.onPath("promtool", "prometheus");
  }

  /** Runs promtool with {@code stdin}; returns its exit code and combined output. */
  public static Result run(String stdin, String... args) {
    List<String> command = new ArrayList<>(List.of(require().toString()));
    command.addAll(List.of(args));
    BoundedProcess.Result result = BoundedProcess.run(command, stdin, Map.of(), LIMIT);
    return new Result(result.exitCode(), result.output());
  }

  /** What promtool said. */
  public record Result(int exitCode, String output) {}

  private Promtool() {}
}

package io.balsamexporter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a child process the way a test can trust: its output goes to a file, not a pipe that the
 * test would have to drain before waiting, so a child that hangs is killed at the deadline and the
 * build goes on.
 */
public final class ChildProcess {

  /** What a child said and how it ended. */
  public record Result(int exitCode, String output) {}

  private ChildProcess() {}

  /**
   * Runs {@code command} with {@code stdin} as its input, stdout and stderr together.
   *
   * @param environment edits the child's environment before it starts
   * @throws AssertionError when it does not end within {@code timeout} (it is killed first)
   */
  public static Result run(
      List<String> command,
      String stdin,
      Consumer<Map<String, String>> environment,
      Duration timeout) {
    Path output = null;
    try {
      output = Files.createTempFile("child-output", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      environment.accept(builder.environment());
      Process process = builder.start();
      try (var in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // A child that exits without reading its input closes the pipe; its output says why.
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError(
            command.get(0) + " did not end within " + timeout + "; it said:\n" + read(output));
      }
      return new Result(process.exitValue(), read(output));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command.get(0) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          // A temp file left behind is harmless.
        }
      }
    }
  }

  private static String read(Path output) throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}

package io.balsamexporter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program to completion within a time limit. Its input and output are files, not pipes: a
 * child that hangs can then neither block our write nor our read, and the limit holds.
 */
public final class BoundedProcess {

  /** What the program said (stdout and stderr together) and how it exited. */
  public record Result(int exitCode, String output) {}

  /**
   * Runs {@code command} with {@code stdin}, the environment changed by {@code env} (a null value
   * removes the variable).
   *
   * @throws AssertionError if it cannot be started or does not finish within {@code limit}
   */
  public static Result run(
      List<String> command, String stdin, Map<String, String> env, Duration limit) {
    Path input = null;
    Path output = null;
    try {
      input = Files.createTempFile("child-in", ".txt");
      output = Files.createTempFile("child-out", ".txt");
      Files.writeString(input, stdin, StandardCharsets.UTF_8);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(input.toFile())
              .redirectOutput(output.toFile());
      env.forEach(
          (name, value) -> {
            if (value == null) {
              builder.environment().remove(name);
            } else {
              builder.environment().put(name, value);
            }
          });
      Process process = builder.start();
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(command.get(0) + " did not finish within " + limit);
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command.get(0) + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      deleteQuietly(input);
      deleteQuietly(output);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A leftover temp file is not worth failing a test for.
      }
    }
  }

  private BoundedProcess() {}
}

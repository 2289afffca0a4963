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

  /**
   * A program left running, for tests of how it behaves while it runs and how it stops. Its output
   * goes to a file, read at any time; {@link #close()} kills it if it is still running.
   */
  public static final class Running implements AutoCloseable {
    private final Process process;
    private final Path output;

    private Running(Process process, Path output) {
      this.process = process;
      this.output = output;
    }

    /** What it said so far, stdout and stderr together. */
    public String output() {
      try {
        return Files.readString(output, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new AssertionError("cannot read the output of the child: " + e, e);
      }
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    public long pid() {
      return process.pid();
    }

    /** Asks it to stop: SIGTERM on Linux and macOS, as {@code kill} or systemd would. */
    public void terminate() {
      process.destroy();
    }

    /** Kills it at once: SIGKILL, as the kernel's OOM killer or {@code kill -9} would. */
    public void kill() {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(10));
    }

    /** Its exit code, or empty if it still runs after {@code limit}. */
    public java.util.Optional<Integer> awaitExit(Duration limit) {
      try {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          return java.util.Optional.empty();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      return java.util.Optional.of(process.exitValue());
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      deleteQuietly(output);
    }
  }

  /**
   * Starts {@code command} with no input and the environment changed by {@code env} (a null value
   * removes the variable), and leaves it running.
   */
  public static Running start(List<String> command, Map<String, String> env) {
    Path output = null;
    try {
      output = Files.createTempFile("child-out", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      env.forEach(
          (name, value) -> {
            if (value == null) {
              builder.environment().remove(name);
            } else {
              builder.environment().put(name, value);
            }
          });
      Process process = builder.start();
      // No input: its stdin is closed at once, so a read gets end of file rather than a hang.
      process.getOutputStream().close();
      return new Running(process, output);
    } catch (IOException e) {
      deleteQuietly(output);
      throw new AssertionError("cannot run " + command.get(0) + ": " + e, e);
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

package io.balsamexporter.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real promtool from Debian's prometheus package. Outside CI a missing promtool skips the test
 * with a message; in CI ({@code CI} set) it fails, because .ci/run installs it.
 */
public final class Promtool {
  private static final long TIMEOUT_SECONDS = 60;

  /** The promtool on PATH; skips (outside CI) or fails (in CI) when there is none. */
  public static Path require() {
    return RequiredBinary.onPath("promtool");
  }

  /** Runs promtool with {@code stdin}; returns its exit code and combined output. */
  public static Result run(String stdin, String... args) {
    Path promtool = require();
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Path input = null;
    Path output = null;
    try {
      // Files on both ends, not pipes: a promtool that hangs can then neither block our write
      // nor our read, and waitFor's timeout holds.
      input = Files.createTempFile("promtool-in", ".txt");
      output = Files.createTempFile("promtool-out", ".txt");
      Files.writeString(input, stdin, StandardCharsets.UTF_8);
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectInput(input.toFile())
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("promtool did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError("cannot run promtool: " + e, e);
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

  /** What promtool said. */
  public record Result(int exitCode, String output) {}

  private Promtool() {}
}

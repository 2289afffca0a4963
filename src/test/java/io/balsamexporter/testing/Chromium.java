package io.balsamexporter.testing;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, loading a page as a person's browser would. Outside CI a missing
 * /usr/bin/chromium skips the test with a message; in CI ({@code CI} set) it fails.
 */
public final class Chromium {
  private static final Path BINARY = Path.of("/usr/bin/chromium");

  private Chromium() {}

  public static Path require() {
    if (Files.isExecutable(BINARY)) {
      return BINARY;
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError("chromium is not installed; .ci/run should install it");
    }
    assumeThat(false)
        .as("/usr/bin/chromium not found: install Debian's chromium package to run this test")
        .isTrue();
    throw new IllegalStateException("unreachable");
  }

  /**
   * The page's DOM after its scripts ran: Chromium's virtual time lets fetches and image loads
   * finish before the dump, without the test waiting on a wall clock.
   */
  public static String dumpDom(String url) {
    return run(url, List.of("--dump-dom"));
  }

  /** Takes a picture of the page after its scripts ran, for a person to look at. */
  public static void screenshot(String url, Path png) {
    run(url, List.of("--window-size=1400,1000", "--screenshot=" + png.toAbsolutePath()));
  }

  private static String run(String url, List<String> action) {
    Path chromium = require();
    Path profile = null;
    try {
      profile = Files.createTempDirectory("chromium-profile");
      List<String> command =
          new ArrayList<>(
              List.of(
                  chromium.toString(),
                  "--headless",
                  "--no-sandbox",
                  "--disable-gpu",
                  "--disable-quic",
                  "--no-first-run",
                  "--disable-background-networking",
                  "--disable-component-update",
                  "--disable-sync",
                  "--user-data-dir=" + profile,
                  "--virtual-time-budget=10000"));
      command.addAll(action);
      command.add(url);
      Process process =
          new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      process.getOutputStream().close();
      String dom = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(90, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("chromium did not finish in 90 s");
      }
      return dom;
    } catch (IOException e) {
      throw new AssertionError("cannot run chromium: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      TempTrees.deleteQuietly(profile);
    }
  }
}

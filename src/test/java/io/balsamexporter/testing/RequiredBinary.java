package io.balsamexporter.testing;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A program from a Debian package ({@code promtool}, {@code prometheus}, {@code docker-compose}).
 * Outside CI a missing one skips the test with a message; in CI ({@code CI} set) it fails, because
 * .ci/run installs the package.
 */
public final class RequiredBinary {

  /**
   * The executable {@code name}, from Debian's {@code debianPackage}, on PATH; skips (outside CI)
   * or fails (in CI) when there is none.
   */
  public static Path onPath(String name, String debianPackage) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    if (System.getenv("CI") != null) {
      throw new AssertionError(name + " is not installed; .ci/run should have installed it");
    }
    assumeThat(false)
        .as(
            name
                + " not found on PATH: install Debian's "
                + debianPackage
                + " package to run this test")
        .isTrue();
    throw new IllegalStateException("unreachable");
  }

  private RequiredBinary() {}
}

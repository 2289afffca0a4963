package io.balsamexporter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Temporary directories the tests and the benchmark make outside JUnit's own. */
public final class TempTrees {
  private TempTrees() {}

  /**
   * Deletes {@code dir} and all below it, as far as it can; a leftover temporary file is harmless.
   */
  public static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Left behind in the temporary directory, which the system clears.
    }
  }
}

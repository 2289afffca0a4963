package io.balsamexporter.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The anchors GitHub gives the headings of a Markdown file, for links like README.md#anchor. */
final class ReadmeAnchors {

  static List<String> of(Path markdown) {
    try {
      return Files.readAllLines(markdown).stream()
          .filter(line -> line.startsWith("#"))
          .map(line -> line.replaceFirst("^#+\\s*", ""))
          .map(ReadmeAnchors::slug)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GitHub's rule: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
  static String slug(String heading) {
    return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  private ReadmeAnchors() {}
}

package io.balsamexporter.balsam;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes as settings write them: a whole number with a binary unit ({@code 512MiB}, {@code
 * 64KiB}, {@code 1GiB}) or bytes ({@code 1048576} or {@code 1048576B}). The decimal-looking {@code
 * MB} is refused because Prometheus reads it as MiB and other tools as a million bytes: the unit
 * would be a guess.
 */
public final class ByteSize {
  /** The form shown in every error message. */
  public static final String EXPECTED_FORM = "a size like 512MiB, 64KiB, 1GiB or a number of bytes";

  private record Unit(String suffix, long bytes) {}

  // Largest first, so that format() picks the largest unit that divides the size exactly.
  private static final List<Unit> UNITS =
      List.of(
          new Unit("TiB", 1L << 40),
          new Unit("GiB", 1L << 30),
          new Unit("MiB", 1L << 20),
          new Unit("KiB", 1L << 10),
          new Unit("B", 1));

  private static final Pattern FORM = Pattern.compile("(\\d{1,15})\\s*(TiB|GiB|MiB|KiB|B)?");

  private ByteSize() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with {@link #EXPECTED_FORM} when it is not such a size
   */
  public static long parse(String text) {
    Matcher matcher = FORM.matcher(text.trim());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("must be " + EXPECTED_FORM);
    }
    long number = Long.parseLong(matcher.group(1));
    String suffix = matcher.group(2) == null ? "B" : matcher.group(2);
    long unit = UNITS.stream().filter(u -> u.suffix().equals(suffix)).findFirst().get().bytes();
    try {
      return Math.multiplyExact(number, unit);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("is too large a size");
    }
  }

  /**
   * {@code bytes} in the largest unit that holds it exactly, e.g. {@code 512MiB} or {@code 1000B}.
   */
  public static String format(long bytes) {
    for (Unit unit : UNITS) {
      if (bytes != 0 && bytes % unit.bytes() == 0) {
        return bytes / unit.bytes() + unit.suffix();
      }
    }
    return bytes + "B";
  }
}

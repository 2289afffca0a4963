package io.balsamexporter.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Prometheus writes them ({@code 500ms}, {@code 15s}, {@code 1h30m}, {@code 2d}):
 * units from largest to smallest, each at most once. Operators already know this form from
 * prometheus.yml, so the exporter accepts no other; a bare number is rejected because its unit
 * would be a guess.
 */
public final class PromDuration {
  /** The form shown in every error message. */
  public static final String EXPECTED_FORM = "a duration like 500ms, 15s, 10m, 1h30m or 2d";

  private record Unit(String suffix, Duration length) {}

  private static final List<Unit> UNITS =
      List.of(
          new Unit("y", Duration.ofDays(365)),
          new Unit("w", Duration.ofDays(7)),
          new Unit("d", Duration.ofDays(1)),
          new Unit("h", Duration.ofHours(1)),
          new Unit("m", Duration.ofMinutes(1)),
          new Unit("s", Duration.ofSeconds(1)),
          new Unit("ms", Duration.ofMillis(1)));

  // One optional group per unit, in the order of UNITS; at most 18 digits keeps a long in range.
  private static final Pattern FORM =
      Pattern.compile(
          "(?:(\\d{1,18})y)?(?:(\\d{1,18})w)?(?:(\\d{1,18})d)?(?:(\\d{1,18})h)?"
              + "(?:(\\d{1,18})m)?(?:(\\d{1,18})s)?(?:(\\d{1,18})ms)?");

  private PromDuration() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with {@link #EXPECTED_FORM} when it is not such a duration
   */
  public static Duration parse(String text) {
    Matcher matcher = FORM.matcher(text);
    if (text.isEmpty() || !matcher.matches()) {
      throw new IllegalArgumentException("must be " + EXPECTED_FORM);
    }
    Duration total = Duration.ZERO;
    try {
      for (int i = 0; i < UNITS.size(); i++) {
        String digits = matcher.group(i + 1);
        if (digits != null) {
          total = total.plus(UNITS.get(i).length().multipliedBy(Long.parseLong(digits)));
        }
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("is too long a duration");
    }
    return total;
  }

  /** The shortest Prometheus form of {@code duration}, e.g. {@code 1h30m}; zero is {@code 0s}. */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("negative duration " + duration);
    }
    StringBuilder text = new StringBuilder();
    Duration rest = duration.truncatedTo(ChronoUnit.MILLIS);
    for (Unit unit : UNITS) {
      long count = rest.dividedBy(unit.length());
      if (count > 0) {
        text.append(count).append(unit.suffix());
        rest = rest.minus(unit.length().multipliedBy(count));
      }
    }
    return text.isEmpty() ? "0s" : text.toString();
  }
}

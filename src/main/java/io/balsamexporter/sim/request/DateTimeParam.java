package io.balsamexporter.sim.request;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datetime query parameters as the server's validator (pydantic 1) reads them: epoch seconds (or
 * milliseconds, when too large for seconds), or ISO-8601 with {@code T} or a space, optional
 * seconds and fraction, optional {@code Z}/offset; a naive value is UTC.
 */
final class DateTimeParam {
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-(\\d{1,2})-(\\d{1,2})[T ](\\d{1,2}):(\\d{1,2})"
              + "(?::(\\d{1,2})(?:\\.(\\d{1,6})\\d{0,6})?)?"
              + "(Z|[+-]\\d{2}(?::?\\d{2})?)?");
  private static final BigDecimal MS_WATERSHED = new BigDecimal("2e10");
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal MICROS_PER_SECOND = BigDecimal.valueOf(1_000_000);

  private DateTimeParam() {}

  /** The instant the text denotes, or empty when the server would answer 422. */
  static Optional<Instant> parse(String text) {
    String trimmed = text.strip();
    if (NUMBER.matcher(trimmed).matches()) {
      return Optional.of(fromEpoch(new BigDecimal(trimmed)));
    }
    Matcher m = ISO.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
              m.group(7) == null ? 0 : Integer.parseInt(padMicros(m.group(7))) * 1000);
      return Optional.of(local.toInstant(offset(m.group(8))));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Instant fromEpoch(BigDecimal seconds) {
    // pydantic reads numbers too large for seconds as milliseconds (and so on).
    for (int i = 0; i < 8 && seconds.abs().compareTo(MS_WATERSHED) > 0; i++) {
      seconds = seconds.divide(THOUSAND);
    }
    long micros =
        seconds.multiply(MICROS_PER_SECOND).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static String padMicros(String fraction) {
    return (fraction + "00000").substring(0, 6);
  }

  private static ZoneOffset offset(String zone) {
    if (zone == null || zone.equals("Z")) {
      return ZoneOffset.UTC;
    }
    int minutes = 60 * Integer.parseInt(zone.substring(1, 3));
    if (zone.length() > 3) {
      minutes += Integer.parseInt(zone.substring(zone.length() - 2));
    }
    return ZoneOffset.ofTotalSeconds((zone.charAt(0) == '-' ? -minutes : minutes) * 60);
  }
}

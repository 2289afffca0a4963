package io.balsamexporter.balsam;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * Balsam's timestamps on the wire: Python's {@code isoformat()} of a naive UTC datetime, so the
 * fraction is left out when the microseconds are zero, and only {@code Job.last_update} carries a
 * {@code +00:00} offset (balsam-api.md §4).
 */
public final class BalsamTime {
  private static final DateTimeFormatter PARSER =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .optionalStart()
          .appendOffsetId()
          .optionalEnd()
          .toFormatter();

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

  private BalsamTime() {}

  /** Parses a timestamp with or without fraction and offset; a naive one is UTC. */
  public static Instant parse(String text) {
    // Every event and job of a first sync has one: read the server's own shapes digit by digit.
    Instant fast = parseFast(text);
    return fast != null ? fast : parseWithFormatter(text);
  }

  /** What {@link #parse} does for any text: slower, and the judge of what the fast path reads. */
  static Instant parseWithFormatter(String text) {
    try {
      TemporalAccessor parsed = PARSER.parse(text);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return OffsetDateTime.from(parsed).toInstant();
      }
      return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("not a Balsam timestamp: \"" + text + "\"", e);
    }
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of 1 to 9 digits, and an optional {@code Z}
   * or {@code ±HH:MM}: what {@link #PARSER} reads in these shapes, read without it, or null for any
   * other text (which the formatter then reads, or refuses).
   */
  private static Instant parseFast(String t) {
    int n = t.length();
    if (n < 19
        || t.charAt(4) != '-'
        || t.charAt(7) != '-'
        || t.charAt(10) != 'T'
        || t.charAt(13) != ':'
        || t.charAt(16) != ':') {
      return null;
    }
    int year = digits(t, 0, 4);
    int month = digits(t, 5, 2);
    int day = digits(t, 8, 2);
    int hour = digits(t, 11, 2);
    int minute = digits(t, 14, 2);
    int second = digits(t, 17, 2);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && t.charAt(i) == '.') {
      int start = ++i;
      while (i < n && i - start < 9 && isDigit(t.charAt(i))) {
        nanos = nanos * 10 + (t.charAt(i) - '0');
        i++;
      }
      if (i == start || (i < n && isDigit(t.charAt(i)))) {
        return null;
      }
      for (int k = i - start; k < 9; k++) {
        nanos *= 10;
      }
    }
    int offsetSeconds = 0;
    if (i < n) {
      char sign = t.charAt(i);
      if (sign == 'Z' && i + 1 == n) {
        offsetSeconds = 0;
      } else if ((sign == '+' || sign == '-') && i + 6 == n && t.charAt(i + 3) == ':') {
        int hours = digits(t, i + 1, 2);
        int minutes = digits(t, i + 4, 2);
        if ((hours | minutes) < 0 || hours > 18 || minutes > 59) {
          return null;
        }
        offsetSeconds = (sign == '-' ? -1 : 1) * (hours * 3600 + minutes * 60);
      } else {
        return null;
      }
    }
    try {
      LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
      return Instant.ofEpochSecond(local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds, nanos);
    } catch (DateTimeException e) {
      // Out of range (February 30th, hour 24): the formatter says why.
      return null;
    }
  }

  /** The value of {@code count} decimal digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Formats as the server does for naive fields, truncated to microseconds. */
  public static String format(Instant instant) {
    LocalDateTime time =
        LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    return (time.getNano() == 0 ? SECONDS : MICROS).format(time);
  }

  /** Formats as the server does for {@code Job.last_update} in GET responses. */
  public static String formatWithOffset(Instant instant) {
    return format(instant) + "+00:00";
  }

  /** Microseconds since the epoch: the resolution of every Balsam timestamp. */
  public static long toMicros(Instant instant) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
  }

  public static Instant fromMicros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}

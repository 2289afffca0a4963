package io.balsamexporter.balsam;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
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
    try {
      TemporalAccessor parsed = PARSER.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime offset) {
        return offset.toInstant();
      }
      return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a Balsam timestamp: \"" + text + "\"", e);
    }
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

package io.balsamexporter.analytics;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes report text as ASCII straight into a buffer that goes to the stream whenever it fills, so
 * that a response starts leaving while its later points are still being written, and a point costs
 * no object: times are written digit by digit ({@code 2026-11-26T09:13:10.960345Z}).
 */
final class PointWriter {
  /** Room for a time and a value: a full buffer is flushed before a point would overflow it. */
  private static final int POINT_ROOM = 96;

  private final OutputStream out;
  private final byte[] buffer;
  private int used;

  PointWriter(OutputStream out, int bufferSize) {
    this.out = out;
    this.buffer = new byte[Math.max(bufferSize, 2 * POINT_ROOM)];
  }

  /** Makes room for one more point, sending what is buffered when needed. */
  PointWriter room() throws IOException {
    if (buffer.length - used < POINT_ROOM) {
      flushBuffer();
    }
    return this;
  }

  /** ASCII text, e.g. a separator or a number's {@code toString}. */
  PointWriter ascii(String text) throws IOException {
    if (text.length() > buffer.length - used) {
      flushBuffer();
      if (text.length() > buffer.length) {
        for (int i = 0; i < text.length(); i++) {
          out.write(text.charAt(i));
        }
        return this;
      }
    }
    for (int i = 0; i < text.length(); i++) {
      buffer[used++] = (byte) text.charAt(i);
    }
    return this;
  }

  PointWriter ascii(char c) {
    buffer[used++] = (byte) c;
    return this;
  }

  /** A whole number, as {@link Long#toString(long)} writes it. */
  PointWriter integer(long value) {
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        for (char c : Long.toString(value).toCharArray()) {
          buffer[used++] = (byte) c;
        }
        return this;
      }
      buffer[used++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long rest = value / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int i = used + digits - 1; i >= used; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    used += digits;
    return this;
  }

  /** The time {@link ReportFormats#isoTime} gives, without building the string. */
  PointWriter time(long micros) throws IOException {
    long seconds = Math.floorDiv(micros, 1_000_000);
    int fraction = (int) Math.floorMod(micros, 1_000_000);
    long days = Math.floorDiv(seconds, 86_400);
    int ofDay = (int) Math.floorMod(seconds, 86_400);
    // Howard Hinnant's days-to-civil, for years 0 to 9999; others as LocalDate writes them.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      LocalDateTime time = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
      ascii(time.toLocalDate().toString());
    } else {
      digits((int) year, 4);
      ascii('-');
      digits(month, 2);
      ascii('-');
      digits(day, 2);
    }
    ascii('T');
    digits(ofDay / 3600, 2);
    ascii(':');
    digits(ofDay / 60 % 60, 2);
    ascii(':');
    digits(ofDay % 60, 2);
    ascii('.');
    digits(fraction, 6);
    return ascii('Z');
  }

  private void digits(int value, int width) {
    for (int i = used + width - 1; i >= used; i--) {
      buffer[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    used += width;
  }

  /** Sends what is buffered, and flushes the stream. */
  void flush() throws IOException {
    flushBuffer();
    out.flush();
  }

  private void flushBuffer() throws IOException {
    if (used > 0) {
      out.write(buffer, 0, used);
      used = 0;
    }
  }
}

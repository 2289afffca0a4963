package io.balsamexporter.analytics;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Where a page of {@code /api/v1/events} ended: the (timestamp, id) of its last row and the order
 * it was read in. The next page starts strictly after that key, so an event inserted meanwhile
 * before the key is left out and one after it is read: no row is skipped or repeated, however many
 * late events arrive between pages. Opaque to callers (URL-safe base64).
 */
public record EventCursor(long micros, long id, boolean newestFirst) {
  private static final byte VERSION = 1;

  public String encode() {
    ByteBuffer bytes = ByteBuffer.allocate(18);
    bytes.put(VERSION).put((byte) (newestFirst ? 1 : 0)).putLong(micros).putLong(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
  }

  /**
   * @throws ReportException when {@code text} is not a cursor this exporter gave out
   */
  public static EventCursor decode(String text) throws ReportException {
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(text.trim());
    } catch (IllegalArgumentException e) {
      raw = new byte[0];
    }
    if (raw.length != 18 || raw[0] != VERSION || (raw[1] & ~1) != 0) {
      throw new ReportException(
          "after must be the \"next\" cursor of an earlier page, got \"" + text + "\"");
    }
    ByteBuffer bytes = ByteBuffer.wrap(raw, 2, 16);
    return new EventCursor(bytes.getLong(), bytes.getLong(), raw[1] == 1);
  }

  /** True when (micros, id) comes after this cursor in its order. */
  boolean before(long eventMicros, long eventId) {
    int byTime = Long.compare(eventMicros, micros);
    int c = byTime != 0 ? (newestFirst ? -byTime : byTime) : Long.compare(eventId, id);
    return c > 0;
  }
}

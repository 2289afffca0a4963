package io.balsamexporter.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the label values taken from Balsam (site names, tags, queues, paths, ...), which are free
 * text of any length. A value longer than {@code maxBytes} of UTF-8 is cut on a code point boundary
 * and ends in {@value #CUT_MARK} and the first {@value #HASH_HEX_DIGITS} hex digits of the SHA-256
 * of the whole value, within {@code maxBytes} in total: two long values that share their start
 * still get labels of their own, and the same value gets the same label after a restart. A lone
 * UTF-16 surrogate, which no exposition format can carry, becomes U+FFFD.
 */
final class LabelValues {
  static final String CUT_MARK = "…";
  static final int HASH_HEX_DIGITS = 8;

  /** Cut values remembered, so a long tag counted on every event is hashed once. */
  private static final int MAX_REMEMBERED = 4096;

  /** The remembered originals may be huge: forget them all once they hold this many chars. */
  private static final long MAX_REMEMBERED_CHARS = 8L << 20;

  private static final int MARK_BYTES =
      CUT_MARK.getBytes(StandardCharsets.UTF_8).length + HASH_HEX_DIGITS;

  private final int maxBytes;
  private final Map<String, String> remembered = new ConcurrentHashMap<>();
  private final AtomicLong rememberedChars = new AtomicLong();

  LabelValues(int maxBytes) {
    if (maxBytes < MARK_BYTES + 4) {
      throw new IllegalArgumentException(
          "label values need at least " + (MARK_BYTES + 4) + " bytes, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** {@code value} as exported: itself when it fits and is well-formed, else its bounded form. */
  String of(String value) {
    if (value == null) {
      return "";
    }
    if (fits(value)) {
      return value;
    }
    String known = remembered.get(value);
    if (known != null) {
      return known;
    }
    String bounded = bound(value);
    if (remembered.size() >= MAX_REMEMBERED
        || rememberedChars.addAndGet(value.length()) > MAX_REMEMBERED_CHARS) {
      remembered.clear();
      rememberedChars.set(value.length());
    }
    remembered.put(value, bounded);
    return bounded;
  }

  String[] of(String... values) {
    String[] out = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = of(values[i]);
    }
    return out;
  }

  /** True when {@code value} is at most maxBytes of UTF-8 and holds no lone surrogate. */
  private boolean fits(String value) {
    if (value.length() > maxBytes) {
      return false;
    }
    int bytes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      } else {
        bytes += 3;
      }
    }
    return bytes <= maxBytes;
  }

  private String bound(String value) {
    String clean = wellFormed(value);
    if (utf8Length(clean) <= maxBytes) {
      return clean;
    }
    StringBuilder cut = new StringBuilder();
    int room = maxBytes - MARK_BYTES;
    int used = 0;
    for (int i = 0; i < clean.length(); ) {
      int cp = clean.codePointAt(i);
      int size = utf8Length(cp);
      if (used + size > room) {
        break;
      }
      cut.appendCodePoint(cp);
      used += size;
      i += Character.charCount(cp);
    }
    return cut.append(CUT_MARK).append(hash(value)).toString();
  }

  private static String wellFormed(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        out.append(c).append(value.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }

  private static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HASH_HEX_DIGITS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}

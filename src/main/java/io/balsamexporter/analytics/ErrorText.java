package io.balsamexporter.analytics;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The error text of a failure event, made safe to keep and to show, and its signature: the text
 * with what differs between runs of the same failure (numbers, hex ids, paths, node names) folded,
 * so that a thousand jobs killed on a thousand nodes make one group.
 */
final class ErrorText {
  /** The most UTF-8 bytes of an error text kept: Balsam's ten-line tail fits many times. */
  static final int MAX_BYTES = 4096;

  /** The most characters of a signature: enough to tell failures apart, not a whole tail. */
  static final int SIGNATURE_CHARS = 400;

  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[ -/]*[@-~]");
  private static final Pattern PATH =
      Pattern.compile("(?<![^\\s'\"=(:,\\[])(?:~|\\.{1,2})?(?:/[\\w.+@%-]+)+/?");
  private static final Pattern HEX = Pattern.compile("\\b0x[0-9a-fA-F]+\\b|\\b[0-9a-fA-F]{8,}\\b");
  private static final Pattern NODE =
      Pattern.compile(
          "\\b(?:nid\\d+|x\\d+c\\d+s\\d+b\\d+n\\d+|[a-z][a-z-]*\\d+(?:\\.[\\w-]+)+)\\b");
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?");
  private static final Pattern SPACES = Pattern.compile("[ \\t]+");

  private ErrorText() {}

  /**
   * The text as kept: escape sequences removed, control characters but newline and tab and lone
   * surrogates replaced by U+FFFD, cut to {@link #MAX_BYTES} bytes of UTF-8 keeping the end (the
   * last lines of a tail say most), marked with a leading … when cut.
   */
  static String clean(String raw) {
    if (raw == null) {
      return "";
    }
    // Cut first, roughly, so that a 1 MiB tail costs no more than a few KiB of work below.
    boolean cut = raw.length() > 2 * MAX_BYTES;
    String text = cut ? raw.substring(raw.length() - 2 * MAX_BYTES) : raw;
    text = ANSI.matcher(text).replaceAll("");
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c) || (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
        out.append('\uFFFD');
      } else {
        out.append(c);
      }
    }
    String kept = out.toString();
    while (kept.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES - 3) {
      int drop = Math.max(1, kept.length() / 16);
      if (Character.isLowSurrogate(kept.charAt(drop))) {
        drop++;
      }
      kept = kept.substring(drop);
      cut = true;
    }
    return cut ? "…" + kept : kept;
  }

  /** The signature of a cleaned text: what stays the same between runs of one failure. */
  static String signature(String cleaned) {
    String s = cleaned.startsWith("…") ? cleaned.substring(1) : cleaned;
    s = PATH.matcher(s).replaceAll("<path>");
    s = NODE.matcher(s).replaceAll("<node>");
    s = HEX.matcher(s).replaceAll("<hex>");
    s = NUMBER.matcher(s).replaceAll("<n>");
    s = SPACES.matcher(s).replaceAll(" ").strip();
    if (s.length() > SIGNATURE_CHARS) {
      int end = SIGNATURE_CHARS;
      if (Character.isLowSurrogate(s.charAt(end))) {
        end--;
      }
      s = s.substring(0, end) + "…";
    }
    return s;
  }
}

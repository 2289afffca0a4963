package io.balsamexporter.log;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One log line in the exporter's single format: {@code msg="..."} followed by {@code key=value}
 * pairs, each key once. A value is quoted when it is empty or holds a space, a quote, an equals
 * sign, a backslash or a control character, and inside quotes {@code "}, {@code \} and control
 * characters are escaped, so that one line always parses as one record whatever an error message
 * holds. The message is always quoted, so that {@code msg="} starts every line's text.
 *
 * <p>Log it with {@code log.info("{}", line)}: the text is built only when the level is enabled,
 * and braces in a value are never taken for placeholders.
 */
public final class LogLine {
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*");
  private static final String MSG = "msg";

  private final Map<String, String> fields = new LinkedHashMap<>();

  private LogLine(String message) {
    fields.put(MSG, String.valueOf(message));
  }

  /** A line saying {@code message}; add its details with {@link #with}. */
  public static LogLine msg(String message) {
    return new LogLine(message);
  }

  /**
   * Adds {@code key=value}; {@code value} is written with {@link String#valueOf(Object)}.
   *
   * @throws IllegalArgumentException when {@code key} is not lower snake case or the line holds it
   *     already: a repeated key makes a line that parsers read two ways
   */
  public LogLine with(String key, Object value) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("log key must be lower snake case, got " + key);
    }
    if (fields.containsKey(key)) {
      throw new IllegalArgumentException("log key " + key + " is given twice");
    }
    fields.put(key, String.valueOf(value));
    return this;
  }

  @Override
  public String toString() {
    StringBuilder line = new StringBuilder();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(field.getKey()).append('=');
      String value = field.getValue();
      if (field.getKey().equals(MSG) || needsQuotes(value)) {
        appendQuoted(line, value);
      } else {
        line.append(value);
      }
    }
    return line.toString();
  }

  private static boolean needsQuotes(String value) {
    if (value.isEmpty()) {
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c == '"' || c == '=' || c == '\\' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }

  private static void appendQuoted(StringBuilder line, String value) {
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> line.append("\\\"");
        case '\\' -> line.append("\\\\");
        case '\n' -> line.append("\\n");
        case '\r' -> line.append("\\r");
        case '\t' -> line.append("\\t");
        default -> {
          if (c < ' ' || c == 0x7f) {
            line.append(String.format("\\u%04x", (int) c));
          } else {
            line.append(c);
          }
        }
      }
    }
    line.append('"');
  }
}

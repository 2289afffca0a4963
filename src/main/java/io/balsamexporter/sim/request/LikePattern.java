package io.balsamexporter.sim.request;

import java.util.regex.Pattern;

/**
 * The server's substring filters ({@code path}, {@code site_path}, {@code workdir__contains}) are
 * SQL {@code LIKE '%value%'}, so {@code %} and {@code _} in the value are wildcards and {@code \}
 * escapes, as PostgreSQL reads them.
 */
public final class LikePattern {
  private final Pattern pattern;

  private LikePattern(Pattern pattern) {
    this.pattern = pattern;
  }

  public static LikePattern containing(String value) {
    StringBuilder regex = new StringBuilder(".*");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        regex.append(Pattern.quote(String.valueOf(value.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return new LikePattern(Pattern.compile(regex.append(".*").toString(), Pattern.DOTALL));
  }

  public boolean matches(String text) {
    return text != null && pattern.matcher(text).matches();
  }
}

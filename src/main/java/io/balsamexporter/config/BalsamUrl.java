package io.balsamexporter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The Balsam API root: {@code http(s)://host[:port][/prefix]}, kept without a trailing slash. */
final class BalsamUrl {
  static final String EXPECTED_FORM = "http(s)://host[:port][/prefix]";

  private BalsamUrl() {}

  /**
   * Parses {@code text}; the exception's message is the broken rule and never quotes the text.
   *
   * @throws IllegalArgumentException when it is not such a URL
   */
  static URI parse(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("must be a URL of the form " + EXPECTED_FORM);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("must start with http:// or https://");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "must not hold a user name or password; use --balsam.username and"
              + " --balsam.password-file");
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("must name a host: " + EXPECTED_FORM);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("must not have a query or fragment: " + EXPECTED_FORM);
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  /** Whether an error may show {@code text}: not when it may carry a password or a token. */
  static boolean safeToQuote(String text) {
    return !text.contains("@") && !text.contains("?") && !text.contains("#");
  }
}

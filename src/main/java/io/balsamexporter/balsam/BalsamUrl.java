package io.balsamexporter.balsam;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The one rule of what a Balsam API root looks like: {@code http(s)://host[:port][/prefix]}, kept
 * without a trailing slash. The config checks what it is given with it, and the client checks it
 * again for callers that skip the config; each words the flaw for its own reader.
 */
public final class BalsamUrl {
  public static final String EXPECTED_FORM = "http(s)://host[:port][/prefix]";

  /** What can be wrong with a URL; {@link #rule()} never quotes the URL. */
  public enum Flaw {
    NOT_A_URL("must be a URL of the form " + EXPECTED_FORM),
    NOT_HTTP("must start with http:// or https://"),
    USER_INFO("must not hold a user name or password"),
    NO_HOST("must name a host: " + EXPECTED_FORM),
    QUERY_OR_FRAGMENT("must not have a query or fragment: " + EXPECTED_FORM);

    private final String rule;

    Flaw(String rule) {
      this.rule = rule;
    }

    public String rule() {
      return rule;
    }
  }

  /** A text that is not a Balsam URL; the message is the broken rule. */
  public static final class InvalidUrl extends IllegalArgumentException {
    private final transient Flaw flaw;

    private InvalidUrl(Flaw flaw) {
      super(flaw.rule());
      this.flaw = flaw;
    }

    public Flaw flaw() {
      return flaw;
    }
  }

  private BalsamUrl() {}

  /**
   * Parses {@code text} into the normalized API root: lower-case scheme, no trailing slash.
   *
   * @throws InvalidUrl when it is not such a URL
   */
  public static URI parse(String text) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new InvalidUrl(Flaw.NOT_A_URL);
    }
    Optional<Flaw> flaw = flawOf(uri);
    if (flaw.isPresent()) {
      throw new InvalidUrl(flaw.get());
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(scheme(uri) + "://" + uri.getRawAuthority() + path);
  }

  /** The first rule {@code uri} breaks, if any. */
  public static Optional<Flaw> flawOf(URI uri) {
    String scheme = scheme(uri);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of(Flaw.NOT_HTTP);
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of(Flaw.USER_INFO);
    }
    if (uri.getHost() == null) {
      return Optional.of(Flaw.NO_HOST);
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      return Optional.of(Flaw.QUERY_OR_FRAGMENT);
    }
    return Optional.empty();
  }

  /** Whether an error may show {@code text}: not when it may carry a password or a token. */
  public static boolean safeToQuote(String text) {
    return !text.contains("@") && !text.contains("?") && !text.contains("#");
  }

  private static String scheme(URI uri) {
    return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
  }
}

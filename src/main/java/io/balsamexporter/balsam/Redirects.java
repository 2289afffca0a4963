package io.balsamexporter.balsam;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;

/**
 * The one kind of redirect the client follows: a 307/308 to the same scheme, host and port, as
 * Balsam sends between {@code /jobs} and {@code /jobs/}. Anything else would send the bearer token
 * somewhere the user did not configure, so it stops with a message instead.
 */
final class Redirects {
  private Redirects() {}

  static boolean isFollowable(int status) {
    return status == 307 || status == 308;
  }

  static URI target(String request, URI from, HttpResponse<InputStream> response)
      throws BalsamException {
    int status = response.statusCode();
    Optional<String> location = response.headers().firstValue("Location");
    if (location.isEmpty()) {
      throw new BalsamException(
          Kind.BAD_RESPONSE,
          status,
          request + " failed: " + HttpStatusText.of(status) + " without a Location header");
    }
    URI to;
    try {
      to = from.resolve(new URI(location.get()));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new BalsamException(
          Kind.BAD_RESPONSE,
          status,
          request + " failed: " + HttpStatusText.of(status) + " to an invalid Location",
          e);
    }
    if (!sameOrigin(from, to)) {
      throw new BalsamException(
          Kind.CLIENT_ERROR,
          status,
          request
              + " failed: "
              + HttpStatusText.of(status)
              + " to "
              + origin(to)
              + ", another origin than "
              + origin(from)
              + "; set the Balsam URL to the server's own address");
    }
    return to;
  }

  /** Why a 301/302/303 stopped the request, with where it pointed. */
  static String unfollowedHint(HttpResponse<InputStream> response) {
    return response
        .headers()
        .firstValue("Location")
        .map(
            location -> {
              try {
                URI to = new URI(location);
                return " to "
                    + (to.isAbsolute() ? origin(to) : "a relative location")
                    + " (only same-origin 307/308 are followed; check the Balsam URL)";
              } catch (URISyntaxException e) {
                return " (not followed)";
              }
            })
        .orElse(" (not followed)");
  }

  static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(String.valueOf(b.getHost()))
        && port(a) == port(b);
  }

  /** {@code scheme://host:port}, the only part of a URL a message needs. */
  static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri);
  }

  static URI withoutUserInfo(URI uri) {
    if (uri.getUserInfo() == null) {
      return uri;
    }
    try {
      return new URI(
          uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
    } catch (URISyntaxException e) {
      return URI.create(origin(uri));
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https") ? 443 : 80;
  }
}

package io.balsamexporter.config;

import io.balsamexporter.balsam.BalsamUrl;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Which Balsam to watch: the URL given, else the {@code api_root} that {@code balsam login} left,
 * else nothing: the built-in demo runs only when {@code --demo} asks for it, so that its simulated
 * data can never be served in place of a real Balsam that was not found.
 */
final class TargetResolver {
  static final String NO_SERVER =
      "no Balsam server given: set --balsam.url (or BALSAM_EXPORTER_BALSAM_URL), or run"
          + " 'balsam login' to write ~/.balsam/client.yml; to try the exporter on a simulated"
          + " Balsam, run it with --demo";

  /** The API root, empty exactly when {@code demo} is set. */
  record Target(Optional<URI> url, boolean demo) {}

  private TargetResolver() {}

  static Target resolve(Settings settings, ClientFileLookup clientFile, List<String> notices)
      throws ConfigException {
    boolean demo = Values.bool(settings.required(Flags.DEMO));
    Optional<Setting> url = settings.explicit(Flags.BALSAM_URL);
    if (demo && url.isPresent()) {
      throw new ConfigException(
          "--demo cannot be combined with --balsam.url"
              + url.get().origin()
              + ": the demo runs its own Balsam; drop one of them");
    }
    if (demo) {
      return new Target(Optional.empty(), true);
    }
    if (url.isPresent()) {
      return new Target(Optional.of(parse(url.get())), false);
    }
    Optional<URI> fromClientFile = clientFile.apiRoot();
    if (fromClientFile.isPresent()) {
      notices.add(
          "--balsam.url not given, using api_root "
              + fromClientFile.get()
              + " from "
              + clientFile.path());
      return new Target(fromClientFile, false);
    }
    throw new ConfigException(NO_SERVER);
  }

  private static URI parse(Setting url) throws ConfigException {
    try {
      return parseUrl(url.value());
    } catch (IllegalArgumentException e) {
      throw BalsamUrl.safeToQuote(url.value())
          ? url.invalid(e.getMessage())
          : url.problem(e.getMessage());
    }
  }

  /**
   * {@link BalsamUrl#parse}, with the broken rule worded for someone writing the config.
   *
   * @throws IllegalArgumentException when {@code text} is not a Balsam URL
   */
  static URI parseUrl(String text) {
    try {
      return BalsamUrl.parse(text);
    } catch (BalsamUrl.InvalidUrl e) {
      if (e.flaw() == BalsamUrl.Flaw.USER_INFO) {
        throw new IllegalArgumentException(
            e.getMessage() + "; use --balsam.username and --balsam.password-file", e);
      }
      throw e;
    }
  }
}

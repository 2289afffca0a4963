package io.balsamexporter.config;

import io.balsamexporter.balsam.BalsamUrl;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Which Balsam to watch: the URL given, else the {@code api_root} that {@code balsam login} left,
 * else the built-in demo, so that a bare {@code balsam-exporter} shows something useful.
 */
final class TargetResolver {
  static final String DEMO_NOTICE = "no --balsam.url given, running on the built-in demo Balsam";

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
    Setting demoSetting = settings.required(Flags.DEMO);
    if (demoSetting.isExplicit()) {
      // Asked not to run the demo, yet nothing says where the real Balsam is.
      throw new ConfigException(
          "--demo is false"
              + demoSetting.origin()
              + " but no Balsam URL is given: set --balsam.url or run 'balsam login'");
    }
    notices.add(DEMO_NOTICE);
    return new Target(Optional.empty(), true);
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

package io.balsamexporter.config;

import io.balsamexporter.balsam.BearerToken;
import io.balsamexporter.balsam.ClientSettingsFile;
import io.balsamexporter.balsam.Credentials;
import io.balsamexporter.balsam.PasswordFile;
import io.balsamexporter.config.FlagSpec.Source;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Picks how to authenticate, in this order: username and password; the token {@code balsam login}
 * left in the client file; a token given directly; nothing. Errors and notices name the settings
 * involved but never their values.
 */
final class CredentialsResolver {
  private static final List<FlagSpec> CREDENTIAL_SETTINGS =
      List.of(
          Flags.BALSAM_USERNAME,
          Flags.BALSAM_PASSWORD_FILE,
          Flags.BALSAM_PASSWORD,
          Flags.BALSAM_TOKEN_FILE,
          Flags.BALSAM_TOKEN);

  private final Settings settings;
  private final ClientFileLookup clientFile;
  private final Clock clock;
  private final List<String> notices;

  CredentialsResolver(
      Settings settings, ClientFileLookup clientFile, Clock clock, List<String> notices) {
    this.settings = settings;
    this.clientFile = clientFile;
    this.clock = clock;
    this.notices = notices;
  }

  Credentials resolve(TargetResolver.Target target) throws ConfigException {
    if (target.demo()) {
      List<String> given =
          CREDENTIAL_SETTINGS.stream()
              .filter(spec -> settings.explicit(spec).isPresent())
              .map(FlagSpec::displayName)
              .toList();
      if (!given.isEmpty()) {
        notices.add("the demo needs no credentials, ignoring " + String.join(", ", given));
      }
      return new Credentials.None();
    }
    URI url = target.url().orElseThrow();
    Optional<Credentials> password = password();
    Optional<DirectToken> token = directToken();
    if (password.isPresent()) {
      token.ifPresent(
          t -> notices.add("ignoring " + t.source() + ": username and password come first"));
      return password.get();
    }
    int noticesBefore = notices.size();
    Optional<ClientSettingsFile> loggedIn = clientFileToken(url);
    if (loggedIn.isPresent()) {
      token.ifPresent(
          t ->
              notices.add(
                  "ignoring "
                      + t.source()
                      + ": the token in "
                      + clientFile.path()
                      + " comes first"));
      return new Credentials.ClientFile(loggedIn.get().path());
    }
    if (token.isPresent()) {
      return token.get().credentials();
    }
    // A setting error like any other: one message, exit 2, nothing that reads as carrying on.
    List<String> why = List.copyOf(notices.subList(noticesBefore, notices.size()));
    throw new ConfigException(
        "no credentials for "
            + url
            + " and Balsam refuses every request without them: set --balsam.username with"
            + " --balsam.password-file, run 'balsam login', or give --balsam.token-file"
            + (why.isEmpty() ? "" : " (" + String.join("; ", why) + ")"));
  }

  private Optional<Credentials> password() throws ConfigException {
    Optional<Setting> username = settings.explicit(Flags.BALSAM_USERNAME);
    Optional<Setting> file = settings.explicit(Flags.BALSAM_PASSWORD_FILE);
    Optional<Setting> env = settings.explicit(Flags.BALSAM_PASSWORD);
    if (file.isPresent() && env.isPresent()) {
      throw new ConfigException(
          "give the password once: --balsam.password-file"
              + file.get().origin()
              + " or BALSAM_EXPORTER_BALSAM_PASSWORD, not both");
    }
    Optional<String> password =
        file.isPresent() ? Optional.of(readPassword(file.get())) : env.map(Setting::value);
    if (username.isPresent() && password.isEmpty()) {
      throw username
          .get()
          .problem(
              "needs a password: set --balsam.password-file or BALSAM_EXPORTER_BALSAM_PASSWORD");
    }
    if (username.isEmpty() && password.isPresent()) {
      String given =
          file.isPresent() ? "--balsam.password-file" : "BALSAM_EXPORTER_BALSAM_PASSWORD";
      throw new ConfigException(
          given + " is set but --balsam.username is not: a password needs a username");
    }
    if (username.isEmpty()) {
      return Optional.empty();
    }
    if (username.get().value().isBlank()) {
      throw username.get().invalid("must not be empty");
    }
    // A password from a file keeps its file: it is read again when Balsam refuses the password.
    Optional<Path> passwordFile =
        file.isPresent() ? Optional.of(TextFiles.existingFile(file.get())) : Optional.empty();
    return Optional.of(
        new Credentials.Password(username.get().value(), password.get(), passwordFile));
  }

  private static String readPassword(Setting file) throws ConfigException {
    // `echo secret > file` adds a newline that is not part of the password; other spaces may be.
    String password = PasswordFile.strip(TextFiles.read(file));
    if (password.isEmpty()) {
      throw file.problem("names an empty file; it must hold the password");
    }
    return password;
  }

  /** A token given by flag, environment or file, and where, for notices. */
  private record DirectToken(Credentials credentials, String source) {}

  private Optional<DirectToken> directToken() throws ConfigException {
    Optional<Setting> value = settings.explicit(Flags.BALSAM_TOKEN);
    Optional<Setting> file = settings.explicit(Flags.BALSAM_TOKEN_FILE);
    if (value.isPresent() && file.isPresent()) {
      throw new ConfigException(
          "give the token once: --balsam.token"
              + value.get().origin()
              + " or --balsam.token-file"
              + file.get().origin()
              + ", not both");
    }
    if (file.isPresent()) {
      // Checked now so that a broken file stops the start; the client reads it again on changes.
      checkToken(file.get(), TextFiles.read(file.get()).strip());
      Path path = TextFiles.existingFile(file.get());
      return Optional.of(
          new DirectToken(new Credentials.TokenFile(path), "--balsam.token-file " + path));
    }
    if (value.isEmpty()) {
      return Optional.empty();
    }
    Setting setting = value.get();
    if (setting.source().orElseThrow() == Source.FLAG) {
      notices.add(
          "--balsam.token is visible to every user in ps; prefer --balsam.token-file or "
              + Flags.BALSAM_TOKEN.envName());
    }
    String token = checkToken(setting, setting.value().strip());
    return Optional.of(
        new DirectToken(new Credentials.Token(token, setting.where()), setting.where()));
  }

  private static String checkToken(Setting setting, String token) throws ConfigException {
    Optional<String> problem = BearerToken.problemWith(token);
    if (problem.isPresent()) {
      throw setting.problem(problem.get());
    }
    return token;
  }

  /** The client file, if it holds a token meant for {@code url}. */
  private Optional<ClientSettingsFile> clientFileToken(URI url) throws ConfigException {
    Optional<ClientSettingsFile> file = clientFile.read();
    if (file.isEmpty() || file.get().token().isEmpty()) {
      return Optional.empty();
    }
    Optional<URI> root = clientFile.apiRoot();
    if (root.isPresent() && !file.get().isFor(url)) {
      // Sending the token to another server would hand it to whoever runs that server.
      notices.add(
          "not using the token in "
              + clientFile.path()
              + ": it is for "
              + root.get()
              + ", not "
              + url);
      return Optional.empty();
    }
    Optional<Instant> expiry = file.get().tokenExpiry();
    if (expiry.isPresent() && expiry.get().isBefore(clock.instant())) {
      notices.add(
          "the token in "
              + clientFile.path()
              + " expired at "
              + expiry.get()
              + "; run 'balsam login' again");
    }
    return file;
  }
}

package io.balsamexporter.config;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the {@link ExporterConfig} from the command line, the {@code BALSAM_EXPORTER_*}
 * environment and the YAML file of {@code --config.file}, in that order of precedence, over the
 * defaults of {@link Flags}. Every error is a {@link ConfigException} raised before anything
 * starts.
 */
public final class ConfigLoader {
  private final Map<String, String> env;
  private final Clock clock;

  /** What the command line asks for. */
  public sealed interface Outcome {
    /**
     * Run the exporter.
     *
     * @param notices things worth one log line each at startup, such as falling back to the demo
     */
    record Run(ExporterConfig config, List<String> notices) implements Outcome {
      public Run {
        notices = List.copyOf(notices);
      }
    }

    /** Print {@code text} and exit successfully. */
    record Help(String text) implements Outcome {}

    /** Print the version and exit successfully. */
    record Version() implements Outcome {}
  }

  /**
   * @param env the process environment ({@code System.getenv()} in production)
   * @param clock to tell past from future, e.g. an expired login
   */
  public ConfigLoader(Map<String, String> env, Clock clock) {
    this.env = Map.copyOf(env);
    this.clock = clock;
  }

  public Outcome load(String... args) throws ConfigException {
    CommandLine.Parsed commandLine = CommandLine.parse(args);
    if (commandLine.help()) {
      return new Outcome.Help(helpText());
    }
    if (commandLine.version()) {
      return new Outcome.Version();
    }
    Map<FlagSpec, Setting> fromEnv = EnvironmentSource.read(env);
    Optional<Setting> configFile =
        Optional.ofNullable(commandLine.settings().get(Flags.CONFIG_FILE))
            .or(() -> Optional.ofNullable(fromEnv.get(Flags.CONFIG_FILE)));
    Map<FlagSpec, Setting> fromFile =
        configFile.isPresent() ? YamlConfigSource.read(configFile.get()) : Map.of();
    Settings settings = Settings.merge(commandLine.settings(), fromEnv, fromFile);
    return ConfigAssembler.assemble(settings, env, clock);
  }

  /** Every setting with its flag, environment variable and default. */
  public static String helpText() {
    return HelpText.render(Flags.all());
  }

  /** The table of settings, for documentation and its tests. */
  public static List<FlagSpec> flags() {
    return Flags.all();
  }
}

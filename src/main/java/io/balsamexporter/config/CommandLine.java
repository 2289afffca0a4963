package io.balsamexporter.config;

import io.balsamexporter.config.FlagSpec.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The command line: {@code --name=value}, {@code --name value}, and {@code --name} alone for
 * switches and actions. Values are never quoted in errors, as one may be a token.
 */
final class CommandLine {
  private static final Map<String, FlagSpec> BY_FLAG = new LinkedHashMap<>();

  static {
    for (FlagSpec spec : Flags.from(Source.FLAG)) {
      BY_FLAG.put(spec.flag(), spec);
    }
  }

  /** The values given and whether an action flag such as {@code --help} was seen. */
  record Parsed(Map<FlagSpec, Setting> settings, boolean help, boolean version) {}

  private CommandLine() {}

  static Parsed parse(String... args) throws ConfigException {
    Map<FlagSpec, Setting> settings = new LinkedHashMap<>();
    boolean help = false;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h")) {
        help = true;
        continue;
      }
      if (!arg.startsWith("-")) {
        throw new ConfigException(
            "unexpected argument #"
                + (i + 1)
                + ": every setting is a flag written --name=value or --name value; see --help");
      }
      int equals = arg.indexOf('=');
      String flag = equals < 0 ? arg : arg.substring(0, equals);
      Optional<String> inline =
          equals < 0 ? Optional.empty() : Optional.of(arg.substring(equals + 1));
      FlagSpec spec = BY_FLAG.get(flag);
      if (spec == null) {
        throw new ConfigException(
            "unknown flag "
                + flag
                + Suggestions.didYouMean("--" + stripDashes(flag), BY_FLAG.keySet(), "--"));
      }
      if (settings.containsKey(spec)) {
        throw new ConfigException(flag + " is given twice; give it once");
      }
      switch (spec.syntax()) {
        case ACTION -> {
          if (inline.isPresent()) {
            throw new ConfigException(flag + " takes no value");
          }
          help |= spec == Flags.HELP;
          version |= spec == Flags.VERSION;
        }
        case SWITCH -> settings.put(spec, setting(spec, inline.orElse("true")));
        case VALUE, LIST -> {
          String value;
          if (inline.isPresent()) {
            value = inline.get();
          } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            value = args[++i];
          } else {
            throw new ConfigException(flag + " needs a value: " + flag + "=VALUE");
          }
          settings.put(spec, setting(spec, value));
        }
        default -> throw new IllegalStateException("unhandled syntax " + spec.syntax());
      }
    }
    return new Parsed(settings, help, version);
  }

  private static Setting setting(FlagSpec spec, String value) {
    return new Setting(spec, value, Optional.of(Source.FLAG), spec.flag());
  }

  private static String stripDashes(String flag) {
    int start = 0;
    while (start < flag.length() && flag.charAt(start) == '-') {
      start++;
    }
    return flag.substring(start);
  }
}

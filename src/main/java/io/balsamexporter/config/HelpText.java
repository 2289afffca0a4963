package io.balsamexporter.config;

import java.util.List;

/**
 * The {@code --help} text: one aligned line per setting (flag, variable, default), then its help.
 */
final class HelpText {
  private static final String ENV_ONLY = "(environment only)";

  private HelpText() {}

  static String render(List<FlagSpec> specs) {
    int flagWidth = ENV_ONLY.length();
    int envWidth = 0;
    for (FlagSpec spec : specs) {
      flagWidth = Math.max(flagWidth, spec.flag().length());
      envWidth = Math.max(envWidth, spec.envName().length());
    }
    StringBuilder text = new StringBuilder();
    text.append("Usage: balsam-exporter [flags]\n\n")
        .append("A Prometheus exporter for Balsam. Each setting is a flag (--name=value or")
        .append(" --name value),\nan environment variable, or a key of the YAML file of")
        .append(" --config.file, nested (balsam: {url: ...})\nor dotted (balsam.url: ...).")
        .append(" A flag beats the environment, which beats the file.\n")
        .append("Durations are written as in Prometheus: 500ms, 15s, 10m, 1h30m, 2d.\n")
        .append("Sizes are bytes or a whole number of KiB, MiB or GiB: 64KiB, 512MiB.\n\n")
        .append(pad("flag", flagWidth))
        .append("  ")
        .append(pad("environment variable", envWidth))
        .append("  default\n");
    for (FlagSpec spec : specs) {
      String flag = spec.flag().isEmpty() ? ENV_ONLY : spec.flag();
      String line =
          pad(flag, flagWidth) + "  " + pad(spec.envName(), envWidth) + "  " + spec.shownDefault();
      text.append(line.stripTrailing()).append('\n');
      text.append("    ").append(spec.help()).append('\n');
    }
    return text.toString();
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }
}

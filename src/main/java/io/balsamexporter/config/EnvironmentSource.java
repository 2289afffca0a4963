package io.balsamexporter.config;

import io.balsamexporter.config.FlagSpec.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@code BALSAM_EXPORTER_*} variables. Any other variable is ignored; an unknown one with the
 * prefix is an error, as it is most likely a typo that would otherwise be silently ignored.
 */
final class EnvironmentSource {
  private static final Map<String, FlagSpec> BY_NAME = new LinkedHashMap<>();

  /**
   * What Kubernetes puts in every pod of a namespace that has a Service named balsam-exporter
   * ({@code BALSAM_EXPORTER_SERVICE_HOST}, {@code BALSAM_EXPORTER_PORT_10064_TCP_ADDR}, ...). They
   * are not settings, and refusing them would stop the exporter from starting next to its own
   * Service.
   */
  private static final Pattern SERVICE_LINK =
      Pattern.compile(
          Pattern.quote(FlagSpec.ENV_PREFIX)
              + "(SERVICE_HOST|SERVICE_PORT(_\\w+)?|PORT(_\\d+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)");

  static {
    for (FlagSpec spec : Flags.from(Source.ENV)) {
      if (SERVICE_LINK.matcher(spec.envName()).matches()) {
        throw new IllegalStateException(spec.envName() + " looks like a Kubernetes service link");
      }
      BY_NAME.put(spec.envName(), spec);
    }
  }

  private EnvironmentSource() {}

  /**
   * The settings {@code env} gives. An empty variable counts as unset, because container
   * environments often pass {@code VAR=} for a variable they do not define.
   */
  static Map<FlagSpec, Setting> read(Map<String, String> env) throws ConfigException {
    Map<FlagSpec, Setting> settings = new LinkedHashMap<>();
    // Sorted so that, with several mistakes, the same one is reported on every run.
    for (Map.Entry<String, String> entry : new TreeMap<>(env).entrySet()) {
      String name = entry.getKey();
      if (!name.startsWith(FlagSpec.ENV_PREFIX) || SERVICE_LINK.matcher(name).matches()) {
        continue;
      }
      FlagSpec spec = BY_NAME.get(name);
      if (spec == null) {
        throw new ConfigException(
            "unknown environment variable "
                + name
                + Suggestions.didYouMean(name, BY_NAME.keySet(), FlagSpec.ENV_PREFIX));
      }
      if (!entry.getValue().isEmpty()) {
        settings.put(spec, new Setting(spec, entry.getValue(), Optional.of(Source.ENV), name));
      }
    }
    return settings;
  }
}

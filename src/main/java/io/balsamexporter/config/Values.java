package io.balsamexporter.config;

import io.balsamexporter.balsam.BalsamTime;
import io.balsamexporter.balsam.ByteSize;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns one setting's text into a typed value, or an error naming the setting and the rule. */
final class Values {
  private static final Pattern TAG_KEY = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,9}))?");
  private static final String SINCE_FORMS =
      "all, epoch seconds or an ISO-8601 time such as 2026-11-26T09:00:00 (UTC) or"
          + " 2026-11-26T11:00:00+02:00";

  private Values() {}

  static Duration duration(Setting setting) throws ConfigException {
    try {
      return PromDuration.parse(setting.value());
    } catch (IllegalArgumentException e) {
      throw setting.invalid(e.getMessage());
    }
  }

  static Duration durationAtLeast(Setting setting, Duration minimum) throws ConfigException {
    Duration duration = duration(setting);
    if (duration.compareTo(minimum) < 0) {
      throw setting.invalid("must be at least " + PromDuration.format(minimum));
    }
    return duration;
  }

  static int integer(Setting setting, int minimum, int maximum) throws ConfigException {
    int value;
    try {
      value = Integer.parseInt(setting.value().trim());
    } catch (NumberFormatException e) {
      throw setting.invalid("must be a whole number");
    }
    if (value < minimum || value > maximum) {
      throw setting.invalid(
          maximum == Integer.MAX_VALUE
              ? "must be at least " + minimum
              : "must be between " + minimum + " and " + maximum);
    }
    return value;
  }

  static long byteSize(Setting setting, long minimum) throws ConfigException {
    long bytes;
    try {
      bytes = ByteSize.parse(setting.value());
    } catch (IllegalArgumentException e) {
      throw setting.invalid(e.getMessage());
    }
    if (bytes < minimum) {
      throw setting.invalid("must be at least " + ByteSize.format(minimum));
    }
    return bytes;
  }

  static boolean bool(Setting setting) throws ConfigException {
    return switch (setting.value().trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw setting.invalid("must be true or false");
    };
  }

  /** Empty for {@code all}: every event in Balsam's history counts. */
  static Optional<Instant> since(Setting setting) throws ConfigException {
    String text = setting.value().trim();
    if (text.equalsIgnoreCase("all")) {
      return Optional.empty();
    }
    var epoch = EPOCH_SECONDS.matcher(text);
    if (epoch.matches()) {
      String fraction = epoch.group(2) == null ? "0" : epoch.group(2);
      long nanos = Long.parseLong((fraction + "00000000").substring(0, 9));
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(epoch.group(1)), nanos));
    }
    try {
      // Balsam's client writes a space between date and time, so accept that too.
      return Optional.of(BalsamTime.parse(text.replace(' ', 'T')));
    } catch (IllegalArgumentException e) {
      throw setting.invalid("must be " + SINCE_FORMS);
    }
  }

  /** The comma-separated tag keys, trimmed, each a valid label suffix, without repeats. */
  static List<String> tagKeys(Setting setting) throws ConfigException {
    String text = setting.value().trim();
    if (text.isEmpty()) {
      return List.of();
    }
    Set<String> keys = new LinkedHashSet<>();
    List<String> items = new ArrayList<>();
    for (String item : text.split(",", -1)) {
      items.add(item.trim());
    }
    for (String key : items) {
      if (!TAG_KEY.matcher(key).matches()) {
        throw setting.invalid(
            "must list tag keys made of letters, digits and _ (not starting with a digit),"
                + " separated by commas; \""
                + key
                + "\" is not one");
      }
      if (!keys.add(key)) {
        throw setting.invalid("must not list a tag key twice; \"" + key + "\" is repeated");
      }
    }
    return List.copyOf(keys);
  }

  static ListenAddress listenAddress(Setting setting) throws ConfigException {
    try {
      return ListenAddress.parse(setting.value().trim());
    } catch (IllegalArgumentException e) {
      throw setting.invalid(e.getMessage());
    }
  }
}

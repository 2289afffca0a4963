package io.balsamexporter.metrics;

import io.balsamexporter.log.LogLine;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a label to its known values: anything else (a state from a newer Balsam, a bad row) is
 * exported as {@link #UNKNOWN}, so the series stay bounded and a sum over them stays right, and
 * each new stray value is logged once.
 */
final class UnknownValues {
  static final String UNKNOWN = "__unknown__";

  /** A stray value is logged at most this long; the rest of a huge one says nothing more. */
  private static final int LOGGED_CHARS = 100;

  /** Distinct stray values logged at the most: a server full of them must not fill the log. */
  private static final int LOGGED_VALUES = 100;

  private static final Logger LOG = LoggerFactory.getLogger(UnknownValues.class);

  private final String what;
  private final Set<String> known;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  /**
   * @param what what the values are, for the log line (e.g. {@code job state})
   */
  UnknownValues(String what, Collection<String> known) {
    this.what = what;
    this.known = Set.copyOf(known);
  }

  String label(String value) {
    if (value != null && known.contains(value)) {
      return value;
    }
    String shown = value == null ? "null" : value;
    if (logged.size() < LOGGED_VALUES && logged.add(shown)) {
      LOG.warn(
          "{}",
          LogLine.msg("value outside Balsam's known set, exported as " + UNKNOWN)
              .with("what", what)
              .with("value", abbreviate(shown)));
    }
    return UNKNOWN;
  }

  private static String abbreviate(String value) {
    return value.length() > LOGGED_CHARS ? value.substring(0, LOGGED_CHARS) + "…" : value;
  }
}

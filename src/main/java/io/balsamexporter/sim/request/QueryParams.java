package io.balsamexporter.sim.request;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A decoded query string in request order, keeping repeated keys, as Starlette parses it: {@code +}
 * is a space, a key without {@code =} has an empty value.
 */
public final class QueryParams {
  private final List<Map.Entry<String, String>> entries;

  private QueryParams(List<Map.Entry<String, String>> entries) {
    this.entries = entries;
  }

  public static QueryParams parse(String rawQuery) {
    List<Map.Entry<String, String>> entries = new ArrayList<>();
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        entries.add(Map.entry(decode(key), decode(value)));
      }
    }
    return new QueryParams(List.copyOf(entries));
  }

  /** Every value of {@code key}, in order: how list parameters arrive. */
  List<String> all(String key) {
    List<String> values = new ArrayList<>();
    for (Map.Entry<String, String> entry : entries) {
      if (entry.getKey().equals(key)) {
        values.add(entry.getValue());
      }
    }
    return values;
  }

  /** The value of a single-valued parameter: the last one wins, as in Starlette. */
  public Optional<String> last(String key) {
    List<String> values = all(key);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      // A broken %-escape is kept as it is, as Python's unquote does.
      return text.replace('+', ' ');
    }
  }
}

package io.balsamexporter.sim.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads typed query parameters and collects what pydantic 1 would reject, so one 422 lists every
 * bad parameter, each with the server's message and type.
 */
public final class ParamReader {
  private static final Set<String> TRUE = Set.of("1", "on", "t", "true", "y", "yes");
  private static final Set<String> FALSE = Set.of("0", "off", "f", "false", "n", "no");

  private final QueryParams params;
  private final List<ValidationError> errors = new ArrayList<>();

  public ParamReader(QueryParams params) {
    this.params = params;
  }

  public List<ValidationError> errors() {
    return List.copyOf(errors);
  }

  public Optional<Long> integer(String name) {
    return params.last(name).flatMap(text -> parseInteger(text, List.of("query", name)));
  }

  public List<Long> integers(String name) {
    List<String> values = params.all(name);
    List<Long> parsed = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      parseInteger(values.get(i), List.of("query", name, i)).ifPresent(parsed::add);
    }
    return parsed;
  }

  public Optional<String> string(String name) {
    return params.last(name);
  }

  public List<String> strings(String name) {
    return params.all(name);
  }

  Optional<Instant> datetime(String name) {
    Optional<String> text = params.last(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Instant> parsed = DateTimeParam.parse(text.get());
    if (parsed.isEmpty()) {
      errors.add(
          ValidationError.of(
              List.of("query", name), "invalid datetime format", "value_error.datetime"));
    }
    return parsed;
  }

  public Optional<Boolean> bool(String name) {
    Optional<String> text = params.last(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String lower = text.get().toLowerCase(Locale.ROOT);
    if (TRUE.contains(lower)) {
      return Optional.of(true);
    }
    if (FALSE.contains(lower)) {
      return Optional.of(false);
    }
    errors.add(
        ValidationError.of(
            List.of("query", name), "value could not be parsed to a boolean", "type_error.bool"));
    return Optional.empty();
  }

  /** A single enumeration member, e.g. {@code ordering}. */
  public Optional<String> member(String name, List<String> permitted) {
    return params.last(name).flatMap(v -> checkMember(v, permitted, List.of("query", name)));
  }

  /** A list of enumeration members, e.g. {@code state}. */
  public List<String> members(String name, List<String> permitted) {
    List<String> values = params.all(name);
    List<String> valid = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      checkMember(values.get(i), permitted, List.of("query", name, i)).ifPresent(valid::add);
    }
    return valid;
  }

  /** {@code le} on an integer, e.g. {@code limit ≤ 100000}. */
  void requireAtMost(String name, Optional<Long> value, long max) {
    if (value.isPresent() && value.get() > max) {
      errors.add(
          new ValidationError(
              List.of("query", name),
              "ensure this value is less than or equal to " + max,
              "value_error.number.not_le",
              Map.of("limit_value", max)));
    }
  }

  /** {@code ge} on an integer, e.g. {@code offset ≥ 0}. */
  void requireAtLeast(String name, Optional<Long> value, long min) {
    if (value.isPresent() && value.get() < min) {
      errors.add(
          new ValidationError(
              List.of("query", name),
              "ensure this value is greater than or equal to " + min,
              "value_error.number.not_ge",
              Map.of("limit_value", min)));
    }
  }

  private Optional<Long> parseInteger(String text, List<Object> loc) {
    try {
      return Optional.of(Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      errors.add(ValidationError.of(loc, "value is not a valid integer", "type_error.integer"));
      return Optional.empty();
    }
  }

  private Optional<String> checkMember(String value, List<String> permitted, List<Object> loc) {
    if (permitted.contains(value)) {
      return Optional.of(value);
    }
    String listed = permitted.stream().map(p -> "'" + p + "'").collect(Collectors.joining(", "));
    errors.add(
        new ValidationError(
            loc,
            "value is not a valid enumeration member; permitted: " + listed,
            "type_error.enum",
            Map.of("enum_values", permitted)));
    return Optional.empty();
  }
}

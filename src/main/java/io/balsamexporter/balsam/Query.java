package io.balsamexporter.balsam;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The query string of a Balsam listing: ordered, with repeated keys for lists ({@code ?id=1&id=2}),
 * as the server expects. Immutable; every {@code with} returns a new query.
 */
public final class Query {
  private static final Query EMPTY = new Query(List.of());

  /**
   * The most characters a list added by {@link #split} takes in one query: the server refuses a
   * request line and headers over 16 KiB, and 1,000 ids of seven digits take about 15 kB.
   */
  public static final int MAX_LIST_CHARS = 12_000;

  private final List<Map.Entry<String, String>> params;

  private Query(List<Map.Entry<String, String>> params) {
    this.params = params;
  }

  public static Query of() {
    return EMPTY;
  }

  /** Adds one parameter; a list is expressed by adding the same key again. */
  public Query with(String key, String value) {
    List<Map.Entry<String, String>> next = new ArrayList<>(params);
    next.add(Map.entry(key, value));
    return new Query(List.copyOf(next));
  }

  /** Adds {@code key} once for each of {@code values}, in their order: {@code ?id=1&id=2}. */
  public Query withEach(String key, Collection<?> values) {
    List<Map.Entry<String, String>> next = new ArrayList<>(params.size() + values.size());
    next.addAll(params);
    for (Object value : values) {
      next.add(Map.entry(key, String.valueOf(value)));
    }
    return new Query(List.copyOf(next));
  }

  /**
   * This query once for each run of {@code values}, each run added as {@link #withEach} does, of at
   * most {@code perQuery} values and {@link #MAX_LIST_CHARS} characters; none for no values.
   */
  public List<Query> split(String key, Collection<?> values, int perQuery) {
    List<Query> queries = new ArrayList<>();
    List<Object> run = new ArrayList<>();
    int chars = 0;
    for (Object value : values) {
      int length = key.length() + String.valueOf(value).length() + 2;
      if (run.size() == perQuery || (!run.isEmpty() && chars + length > MAX_LIST_CHARS)) {
        queries.add(withEach(key, run));
        run = new ArrayList<>();
        chars = 0;
      }
      run.add(value);
      chars += length;
    }
    if (!run.isEmpty()) {
      queries.add(withEach(key, run));
    }
    return queries;
  }

  public Query with(String key, long value) {
    return with(key, Long.toString(value));
  }

  /** A datetime bound in the server's own format (naive UTC, microseconds). */
  public Query with(String key, Instant value) {
    return with(key, BalsamTime.format(value));
  }

  /** Replaces every value of {@code key} by {@code value}. */
  public Query replacing(String key, String value) {
    return without(key).with(key, value);
  }

  public Query replacing(String key, long value) {
    return replacing(key, Long.toString(value));
  }

  public Query without(String key) {
    return new Query(params.stream().filter(e -> !e.getKey().equals(key)).toList());
  }

  public List<Map.Entry<String, String>> params() {
    return params;
  }

  /** The encoded query string without the leading {@code ?}; empty when there are no params. */
  public String encode() {
    return params.stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Query q && q.params.equals(params);
  }

  @Override
  public int hashCode() {
    return params.hashCode();
  }

  @Override
  public String toString() {
    return encode();
  }
}

package io.balsamexporter.balsam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code {"count": N, "results": [...]}} item by item, so a 100,000-item page never exists as
 * a tree or a string next to the records built from it.
 */
final class PageReader<T> {
  private final ObjectReader itemReader;

  PageReader(Class<T> type) {
    this.itemReader = BalsamJson.mapper().readerFor(type);
  }

  Page<T> read(BalsamResponse response) throws BalsamException {
    try (JsonParser parser = BalsamJson.mapper().createParser(response.body())) {
      return read(parser, response);
    } catch (IOException e) {
      throw response.readFailure(e);
    }
  }

  private Page<T> read(JsonParser parser, BalsamResponse response)
      throws IOException, BalsamException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw response.badBody("not a JSON object", null);
    }
    Long count = null;
    List<T> results = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("count")) {
        if (value != JsonToken.VALUE_NUMBER_INT) {
          throw response.badBody("count is not an integer", null);
        }
        count = parser.getLongValue();
      } else if (field.equals("results")) {
        if (value != JsonToken.START_ARRAY) {
          throw response.badBody("results is not a list", null);
        }
        results = readItems(parser, response);
      } else {
        parser.skipChildren();
      }
    }
    if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
      throw response.badBody("content after the page object", null);
    }
    if (count == null || results == null) {
      throw response.badBody("missing " + (count == null ? "count" : "results"), null);
    }
    return new Page<>(count, results, response.serverTime());
  }

  private List<T> readItems(JsonParser parser, BalsamResponse response)
      throws IOException, BalsamException {
    List<T> items = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == null) {
        throw new JsonEOFException(parser, null, "end of input inside results");
      }
      T item = itemReader.readValue(parser);
      if (item == null) {
        throw response.badBody("null in results", null);
      }
      items.add(item);
    }
    return items;
  }
}

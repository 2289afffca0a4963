package io.balsamexporter.balsam;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ResolvableDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Reads one EventLog row, the row a first sync reads millions of, field by field: the tokens the
 * server writes are taken as they come, and any other token is handed to Jackson's own reader for
 * the field's type, so coercions and error messages stay Jackson's. Unknown fields are skipped, a
 * missing one is null (0 for the ids), and the {@link Event} constructor's checks end in Jackson's
 * instantiation error, as they would through the record's creator. The payload is bounded as it is
 * read ({@link PayloadBounds}): what the exporter keeps of a page of huge error tails is a few KiB
 * an event.
 */
final class EventReader extends JsonDeserializer<Event> implements ResolvableDeserializer {
  private static final BalsamJson.TimeDeserializer TIME = new BalsamJson.TimeDeserializer();

  private JsonDeserializer<Object> dataReader;

  @Override
  public void resolve(DeserializationContext ctxt) throws JsonMappingException {
    JavaType type = ctxt.getTypeFactory().constructMapType(Map.class, String.class, Object.class);
    dataReader = ctxt.findRootValueDeserializer(type);
  }

  @Override
  public Event deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken token = p.currentToken();
    if (token == JsonToken.START_OBJECT) {
      token = p.nextToken();
    } else if (token != JsonToken.FIELD_NAME && token != JsonToken.END_OBJECT) {
      return (Event) ctxt.handleUnexpectedToken(Event.class, p);
    }
    long id = 0;
    long jobId = 0;
    Instant timestamp = null;
    String fromState = null;
    String toState = null;
    Map<String, Object> data = null;
    for (; token == JsonToken.FIELD_NAME; token = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "id" -> id = id(p, ctxt, value);
        case "job_id" -> jobId = id(p, ctxt, value);
        case "timestamp" ->
            timestamp = value == JsonToken.VALUE_NULL ? null : TIME.deserialize(p, ctxt);
        case "from_state" -> fromState = text(p, ctxt, value);
        case "to_state" -> toState = text(p, ctxt, value);
        case "data" -> data = data(p, ctxt, value);
        default -> p.skipChildren();
      }
    }
    try {
      return new Event(id, jobId, timestamp, fromState, toState, data);
    } catch (IllegalArgumentException e) {
      throw ctxt.instantiationException(Event.class, e);
    }
  }

  private static long id(JsonParser p, DeserializationContext ctxt, JsonToken value)
      throws IOException {
    return value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : ctxt.readValue(p, Long.TYPE);
  }

  private static String text(JsonParser p, DeserializationContext ctxt, JsonToken value)
      throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return p.getText();
    }
    return value == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, String.class);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> data(JsonParser p, DeserializationContext ctxt, JsonToken value)
      throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return null;
    }
    if (value != JsonToken.START_OBJECT) {
      // Balsam's schema makes data an object, so no real server sends anything else; a row that
      // does is still counted, its payload read as none rather than failing the whole page.
      p.skipChildren();
      return Map.of();
    }
    if (p.nextToken() == JsonToken.END_OBJECT) {
      // Most events carry no data: no map built for them.
      return Map.of();
    }
    // At the first field name: Jackson's map reader takes it from here.
    return PayloadBounds.bound((Map<String, Object>) dataReader.deserialize(p, ctxt));
  }
}

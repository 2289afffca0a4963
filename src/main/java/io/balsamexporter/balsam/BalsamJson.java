package io.balsamexporter.balsam;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.Instant;

/** The one Jackson setup for Balsam's wire format, shared by the client and the simulator. */
public final class BalsamJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  private BalsamJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Naive UTC timestamp, as every Balsam timestamp except {@code Job.last_update}. */
  public static final class NaiveSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(BalsamTime.format(value));
    }
  }

  /** Timestamp with {@code +00:00}, as {@code Job.last_update} in GET responses. */
  public static final class OffsetSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(BalsamTime.formatWithOffset(value));
    }
  }

  /** Accepts every timestamp form the server emits. */
  public static final class TimeDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String text = parser.getValueAsString();
      try {
        return BalsamTime.parse(text);
      } catch (IllegalArgumentException e) {
        return (Instant) context.handleWeirdStringValue(Instant.class, text, e.getMessage());
      }
    }
  }
}

package io.balsamexporter.balsam;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** A Balsam App: the link from a Job ({@code app_id}) to its Site ({@code site_id}). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "site_id",
  "name",
  "serialized_class",
  "source_code",
  "description",
  "parameters",
  "transfers",
  "id"
})
public record App(
    long siteId,
    String name,
    String serializedClass,
    String sourceCode,
    String description,
    Map<String, Object> parameters,
    Map<String, Object> transfers,
    long id) {

  public App {
    parameters = parameters == null ? Map.of() : parameters;
    transfers = transfers == null ? Map.of() : transfers;
  }
}

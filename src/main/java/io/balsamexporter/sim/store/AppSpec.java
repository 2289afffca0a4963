package io.balsamexporter.sim.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code balsam app sync} registers for an ApplicationDefinition. {@code transfers} maps a
 * slot name to {@code {required, direction ("in"|"out"), local_path, description, recursive}}.
 */
public record AppSpec(
    String serializedClass,
    String sourceCode,
    String description,
    Map<String, Object> parameters,
    Map<String, Object> transfers) {

  public AppSpec {
    serializedClass = serializedClass == null ? "" : serializedClass;
    sourceCode = sourceCode == null ? "" : sourceCode;
    description = description == null ? "" : description;
    parameters = parameters == null ? Map.of() : parameters;
    transfers = transfers == null ? Map.of() : transfers;
  }

  /** One transfer slot as Balsam stores it in {@code App.transfers}. */
  public static Map<String, Object> transferSlot(
      String direction, String localPath, String description, boolean recursive) {
    Map<String, Object> slot = new LinkedHashMap<>();
    slot.put("required", true);
    slot.put("direction", direction);
    slot.put("local_path", localPath);
    slot.put("description", description);
    slot.put("recursive", recursive);
    return slot;
  }
}

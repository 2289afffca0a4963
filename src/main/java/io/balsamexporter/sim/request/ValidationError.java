package io.balsamexporter.sim.request;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** One entry of a 422 body, shaped as pydantic 1 reports it through FastAPI. */
@JsonPropertyOrder({"loc", "msg", "type", "ctx"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValidationError(List<Object> loc, String msg, String type, Map<String, Object> ctx) {

  public static ValidationError of(List<Object> loc, String msg, String type) {
    return new ValidationError(loc, msg, type, null);
  }
}

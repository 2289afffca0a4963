package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorDetailTest {

  @Test
  void aBusinessRuleRefusalGivesItsDetail() {
    assertThat(ErrorDetail.of("{\"detail\":\"Duplicate Job ID keys provided\"}"))
        .isEqualTo("Duplicate Job ID keys provided");
  }

  @Test
  void aValidationErrorNamesTheParameterAndTheRule() {
    String body =
        "{\"detail\":[{\"loc\":[\"query\",\"limit\"],\"msg\":\"ensure this value is less than or"
            + " equal to 100000\",\"type\":\"value_error.number.not_le\",\"ctx\":{\"limit_value\":100000}}]}";

    assertThat(ErrorDetail.of(body))
        .isEqualTo("query.limit: ensure this value is less than or equal to 100000");
  }

  @Test
  void longValidationListsAreCut() {
    String item = "{\"loc\":[\"query\",\"state\"],\"msg\":\"bad\"}";
    String body = "{\"detail\":[" + String.join(",", item, item, item, item, item) + "]}";

    assertThat(ErrorDetail.of(body))
        .isEqualTo("query.state: bad; query.state: bad; query.state: bad; …");
  }

  @Test
  void anUnknownObjectGivesBalsamsErrorKey() {
    assertThat(ErrorDetail.of("{\"error\":\"Not found\"}")).isEqualTo("Not found");
  }

  @Test
  void plainTextGivesItsFirstLineShortened() {
    assertThat(ErrorDetail.of("Internal Server Error\nmore")).isEqualTo("Internal Server Error");
    assertThat(ErrorDetail.of("x".repeat(1000))).hasSize(ErrorDetail.MAX_DETAIL_CHARS + 1);
    assertThat(ErrorDetail.of("  ")).isEmpty();
  }
}

package io.balsamexporter.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogLineTest {

  @Test
  void theMessageComesFirstAndIsAlwaysQuoted() {
    assertThat(LogLine.msg("listening").with("port", 10064))
        .hasToString("msg=\"listening\" port=10064");
  }

  @Test
  void plainValuesStayBareAndKeepTheirOrder() {
    assertThat(LogLine.msg("m").with("kind", "unreachable").with("url", "http://h:1/p?a"))
        .hasToString("msg=\"m\" kind=unreachable url=http://h:1/p?a");
  }

  @Test
  void valuesWithSpacesEqualsSignsOrNothingAreQuoted() {
    assertThat(LogLine.msg("m").with("error", "connection refused").with("a", "x=y").with("b", ""))
        .hasToString("msg=\"m\" error=\"connection refused\" a=\"x=y\" b=\"\"");
  }

  @Test
  void quotesBackslashesAndControlCharactersAreEscapedInsideQuotes() {
    assertThat(LogLine.msg("say \"hi\"").with("error", "C:\\dir\nnext\tcol\r\u0001"))
        .hasToString("msg=\"say \\\"hi\\\"\" error=\"C:\\\\dir\\nnext\\tcol\\r\\u0001\"");
  }

  @Test
  void aQuoteAloneIsEnoughToQuoteTheValue() {
    assertThat(LogLine.msg("m").with("error", "a\"b")).hasToString("msg=\"m\" error=\"a\\\"b\"");
  }

  @Test
  void aNullValueIsWrittenAsTheWordNull() {
    assertThat(LogLine.msg("m").with("user", null)).hasToString("msg=\"m\" user=null");
  }

  @Test
  void aKeyGivenTwiceIsRefused() {
    LogLine line = LogLine.msg("m").with("error", "a");

    assertThatThrownBy(() -> line.with("error", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("log key error is given twice");
    assertThatThrownBy(() -> line.with("msg", "again"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("log key msg is given twice");
  }

  @Test
  void aKeyThatIsNotLowerSnakeCaseIsRefused() {
    assertThatThrownBy(() -> LogLine.msg("m").with("retry in", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("log key must be lower snake case, got retry in");
    assertThatThrownBy(() -> LogLine.msg("m").with("Error", 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

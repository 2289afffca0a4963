package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Balsam's timestamps are read digit by digit in the shapes the server writes, and by the formatter
 * otherwise: both readings agree on every text, including those either refuses.
 */
class BalsamTimeTest {

  private static void assertAgrees(String text) {
    assertAgrees(text, "");
  }

  private static void assertAgrees(String text, String context) {
    Instant expected;
    try {
      expected = BalsamTime.parseWithFormatter(text);
    } catch (IllegalArgumentException refused) {
      assertThatThrownBy(() -> BalsamTime.parse(text))
          .as("%s%s", text, context)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("not a Balsam timestamp: \"" + text + "\"");
      return;
    }
    assertThat(BalsamTime.parse(text)).as("%s%s", text, context).isEqualTo(expected);
  }

  @Test
  void theServersShapesAreReadAsTheFormatterReadsThem() {
    assertThat(BalsamTime.parse("2026-11-26T09:07:40.168006"))
        .isEqualTo(Instant.parse("2026-11-26T09:07:40.168006Z"));
    assertThat(BalsamTime.parse("2026-11-26T09:07:40"))
        .isEqualTo(Instant.parse("2026-11-26T09:07:40Z"));
    assertThat(BalsamTime.parse("2026-11-26T09:07:40.168006+00:00"))
        .isEqualTo(Instant.parse("2026-11-26T09:07:40.168006Z"));
    assertThat(BalsamTime.parse("2026-11-26T09:07:40-05:30"))
        .isEqualTo(Instant.parse("2026-11-26T14:37:40Z"));
    assertThat(BalsamTime.parse("2024-02-29T23:59:59.9Z"))
        .isEqualTo(Instant.parse("2024-02-29T23:59:59.900Z"));
  }

  @Test
  void oddAndBrokenTextsGetTheFormattersAnswer() {
    for (String text :
        List.of(
            "2026-11-26T09:07",
            "2026-11-26T09:07:40.",
            "2026-11-26T09:07:40.1234567891",
            "2026-11-26T09:07:40.123456789",
            "2026-11-26T09:07:40+01:00:30",
            "2026-11-26T09:07:40+19:00",
            "2026-11-26T09:07:40+05:60",
            "2026-11-26T09:07:40z",
            "2026-11-26T09:07:40 ",
            "2026-11-26t09:07:40",
            "2026-02-30T00:00:00",
            "2025-02-29T00:00:00",
            "2026-11-26T24:00:00",
            "2026-11-26T23:60:00",
            "2026-11-26T23:59:60",
            "2026-13-01T00:00:00",
            "+12026-11-26T00:00:00",
            "２０２６-11-26T00:00:00",
            "2026-11-26 09:07:40",
            "",
            "not a time")) {
      assertAgrees(text);
    }
  }

  @Test
  void randomTextsNearTheServersShapesAgree() {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    String alphabet = "0123456789-T:.+Z ";
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      Instant at =
          Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000) * 1_000L);
      String base = BalsamTime.format(at);
      if (random.nextBoolean()) {
        base += random.nextBoolean() ? "+00:00" : "Z";
      }
      StringBuilder text = new StringBuilder(base);
      // Now and then a character changed: the fast path must refuse what the formatter refuses.
      if (random.nextInt(3) == 0) {
        text.setCharAt(
            random.nextInt(text.length()), alphabet.charAt(random.nextInt(alphabet.length())));
      }
      texts.add(text.toString());
    }
    for (String text : texts) {
      assertAgrees(text, " (seed " + seed + ")");
    }
  }
}

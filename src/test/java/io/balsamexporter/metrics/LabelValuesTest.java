package io.balsamexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The label value bound: what is cut, where, and how cut values stay apart. */
class LabelValuesTest {
  private final LabelValues bound = new LabelValues(64);

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void valuesWithinTheLimitAreUntouchedWhateverTheyHold() {
    for (String value :
        new String[] {
          "", "md-lipid", "a\"b\\c\nd\re", "שלום\u200fعربى", "🧪𝔘 λ", "x".repeat(64)
        }) {
      assertThat(bound.of(value)).isSameAs(value);
    }
  }

  @Test
  void aLongValueIsCutToTheLimitAndEndsInTheMarkAndAHash() {
    String cut = bound.of("x".repeat(100_000));
    assertThat(bytes(cut)).isLessThanOrEqualTo(64);
    assertThat(cut).matches("x{53}…[0-9a-f]{8}");
  }

  @Test
  void cutsFallOnCodePointBoundariesAndNeverSplitASurrogatePair() {
    String cut = bound.of("🧪".repeat(1000));
    assertThat(bytes(cut)).isLessThanOrEqualTo(64);
    // 53 bytes of room hold 13 four-byte emoji, not 13 and a half.
    assertThat(cut).matches("(🧪){13}…[0-9a-f]{8}");
    String mixed = bound.of("é".repeat(40));
    assertThat(mixed).matches("é{26}…[0-9a-f]{8}");
  }

  @Test
  void longValuesSharingTheirStartStayDistinctAndAreStable() {
    String a = bound.of("y".repeat(500) + "1");
    String b = bound.of("y".repeat(500) + "2");
    assertThat(a).isNotEqualTo(b);
    assertThat(new LabelValues(64).of("y".repeat(500) + "1")).isEqualTo(a);
  }

  @Test
  void loneSurrogatesBecomeTheReplacementCharacter() {
    assertThat(bound.of("a\ud800b")).isEqualTo("a\ufffdb");
    assertThat(bound.of("\udc00")).isEqualTo("\ufffd");
  }

  @Test
  void theDefaultLimitIs256Bytes() {
    String cut = new LabelValues(ExporterMetrics.DEFAULT_LABEL_VALUE_MAX_BYTES).of("z".repeat(300));
    assertThat(bytes(cut)).isEqualTo(256);
  }
}

package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the exporter keeps of one event's data is a few KiB, however large or odd the payload. */
class PayloadBoundsTest {
  @Test
  void aPayloadWithinTheBoundsIsTheSameInstance() {
    Map<String, Object> data = Map.of("returncode", 3, "error", "line 1\nline 2");
    assertThat(PayloadBounds.bound(data)).isSameAs(data);
    assertThat(PayloadBounds.isCut(data)).isFalse();
  }

  @Test
  void aMegabyteTailKeepsItsHeadAndItsEndAroundAMarker() {
    String tail = "start " + "x".repeat(1 << 20) + " Segmentation fault (core dumped)";
    Map<String, Object> bounded = PayloadBounds.bound(Map.of("returncode", 139, "error", tail));

    String error = (String) bounded.get("error");
    assertThat(error.length()).isLessThanOrEqualTo(PayloadBounds.MAX_PAYLOAD_CHARS);
    assertThat(error)
        .startsWith("start ")
        .endsWith(" Segmentation fault (core dumped)")
        .contains(PayloadBounds.CUT_MARK);
    assertThat(bounded.get("returncode")).isEqualTo(139);
    assertThat(PayloadBounds.isCut(bounded)).isTrue();
  }

  @Test
  void theStringsOfOnePayloadShareOneBudget() {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      data.put("field" + i, "y".repeat(3000));
    }
    Map<String, Object> bounded = PayloadBounds.bound(data);

    int chars = 0;
    for (Map.Entry<String, Object> entry : bounded.entrySet()) {
      chars += entry.getKey().length() + ((String) entry.getValue()).length();
    }
    assertThat(chars).isLessThanOrEqualTo(PayloadBounds.MAX_PAYLOAD_CHARS + 10 * 48);
    assertThat(bounded.keySet()).isEqualTo(data.keySet());
  }

  @Test
  void manyEntriesAndDeepNestingAreCutWithAMarker() {
    Map<String, Object> wide = new LinkedHashMap<>();
    List<Object> long_ = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      wide.put("k" + i, i);
      long_.add(i);
    }
    Map<String, Object> deep = new LinkedHashMap<>();
    Map<String, Object> inner = deep;
    for (int i = 0; i < 50; i++) {
      Map<String, Object> next = new LinkedHashMap<>();
      inner.put("d", next);
      inner = next;
    }

    Map<String, Object> boundedWide = PayloadBounds.bound(wide);
    assertThat(boundedWide).hasSize(PayloadBounds.MAX_ENTRIES + 1);
    assertThat(boundedWide.get("…")).asString().contains("936 entries");
    List<?> boundedList = (List<?>) PayloadBounds.bound(Map.of("list", long_)).get("list");
    assertThat(boundedList).hasSize(PayloadBounds.MAX_ENTRIES + 1);
    assertThat(PayloadBounds.isCut(PayloadBounds.bound(deep))).isTrue();
  }

  @Test
  void aLoneSurrogateBecomesTheReplacementCharacterAndPairsStay() {
    String text = "bad \uD800 half, good \uD83D\uDE00, NUL \0 and <b>markup</b>";
    Map<String, Object> bounded = PayloadBounds.bound(Map.of("error", text));

    assertThat(bounded.get("error"))
        .isEqualTo("bad \uFFFD half, good \uD83D\uDE00, NUL \0 and <b>markup</b>");
  }
}

package io.balsamexporter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TagLabelsTest {
  private final List<String> overflowed = new ArrayList<>();

  @Test
  void tagKeysBecomePrefixedLabelNames() {
    assertThat(new TagLabels(List.of("experiment", "stage"), 5).labelNames())
        .containsExactly("tag_experiment", "tag_stage");
  }

  @Test
  void valuesBeyondTheLimitBecomeOtherAndAreCounted() {
    TagLabels labels = new TagLabels(List.of("experiment"), 2);
    assertThat(labels.labelValues(List.of("a"), overflowed::add)).containsExactly("a");
    assertThat(labels.labelValues(List.of("b"), overflowed::add)).containsExactly("b");
    assertThat(labels.labelValues(List.of("c"), overflowed::add)).containsExactly("__other__");
    assertThat(labels.labelValues(List.of("a"), overflowed::add)).containsExactly("a");
    assertThat(overflowed).containsExactly("tag_experiment");
  }

  @Test
  void aMissingTagIsEmptyAndTakesNoSlot() {
    TagLabels labels = new TagLabels(List.of("experiment"), 1);
    assertThat(labels.labelValues(List.of(""), overflowed::add)).containsExactly("");
    assertThat(labels.labelValues(List.of("a"), overflowed::add)).containsExactly("a");
    assertThat(overflowed).isEmpty();
  }
}

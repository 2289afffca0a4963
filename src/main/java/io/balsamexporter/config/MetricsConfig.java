package io.balsamexporter.config;

import java.util.List;

/**
 * What the exported series carry beyond the fixed labels.
 *
 * @param jobTagLabels job tag keys exported as {@code tag_<key>} labels
 * @param tagValuesLimit the distinct values each tag label keeps before {@code __other__}
 */
public record MetricsConfig(List<String> jobTagLabels, int tagValuesLimit) {

  public static final int DEFAULT_TAG_VALUES_LIMIT = 50;

  public MetricsConfig {
    jobTagLabels = List.copyOf(jobTagLabels);
  }
}

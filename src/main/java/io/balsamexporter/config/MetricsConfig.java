package io.balsamexporter.config;

import java.util.List;

/**
 * What the exported series carry beyond the fixed labels.
 *
 * @param jobTagLabels job tag keys exported as {@code tag_<key>} labels
 * @param tagValuesLimit the distinct values each tag label keeps before {@code __other__}
 * @param labelValueMaxLength the most UTF-8 bytes a label value taken from Balsam may have
 */
public record MetricsConfig(
    List<String> jobTagLabels, int tagValuesLimit, int labelValueMaxLength) {

  public static final int DEFAULT_TAG_VALUES_LIMIT = 50;

  /** Room for any site name, queue or tag a person types, and a path of a few directories. */
  public static final int DEFAULT_LABEL_VALUE_MAX_LENGTH = 256;

  /** Below this a cut value would be mostly its marker. */
  public static final int MIN_LABEL_VALUE_MAX_LENGTH = 32;

  public MetricsConfig {
    jobTagLabels = List.copyOf(jobTagLabels);
  }

  /** With the default label value length. */
  public MetricsConfig(List<String> jobTagLabels, int tagValuesLimit) {
    this(jobTagLabels, tagValuesLimit, DEFAULT_LABEL_VALUE_MAX_LENGTH);
  }
}

package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A step line cut to a window and thinned to a picture's pixels still draws the same pixels: the
 * value at each column's entry and exit and its extremes are kept.
 */
class StepWindowTest {

  private static Series series(long[] t, double[] v) {
    return new Series(t, v);
  }

  /** What a step line draws in each pixel column: entry value, lowest, highest and exit value. */
  private static double[][] pixels(long[] t, double[] v, long from, long to, int width) {
    double[][] columns = new double[width][];
    double current = 0;
    int i = 0;
    while (i < t.length && t[i] <= from) {
      current = v[i++];
    }
    for (int c = 0; c < width; c++) {
      long end = from + (long) Math.floor((double) (to - from) * (c + 1) / width);
      double lo = current;
      double hi = current;
      double entry = current;
      while (i < t.length && t[i] <= to && (t[i] < end || c == width - 1)) {
        current = v[i++];
        lo = Math.min(lo, current);
        hi = Math.max(hi, current);
      }
      columns[c] = new double[] {entry, lo, hi, current};
    }
    return columns;
  }

  @Test
  void aMillionStepsBecomeAtMostFourAPixelAndDrawTheSamePixels() {
    int n = 1_000_000;
    long[] t = new long[n];
    double[] v = new double[n];
    Random random = new Random(22);
    double level = 100;
    for (int i = 0; i < n; i++) {
      t[i] = 1_000_000L + i * 3_600L + (i % 7 == 0 ? 0 : random.nextInt(3_000));
      level = Math.max(0, level + random.nextInt(3) - 1);
      v[i] = level;
    }
    java.util.Arrays.sort(t);
    long from = t[n / 10];
    long to = t[n - 1] + 1;
    int width = 900;

    StepWindow w = StepWindow.of(series(t, v), from, to, width);

    assertThat(w.size()).isLessThanOrEqualTo(4 * width + 2);
    assertThat(w.micros()[0]).isEqualTo(from);
    assertThat(w.values()[0]).isEqualTo(v[n / 10]);
    assertThat(w.micros()[w.size() - 1]).isEqualTo(to);
    assertThat(pixels(w.micros(), w.values(), from, to, width))
        .isDeepEqualTo(pixels(t, v, from, to, width));
  }

  @Test
  void pointsAtOneInstantDrawOnlyTheLastAndAFewPointsStayAsTheyAre() {
    long[] t = {10, 20, 20, 30};
    double[] v = {1, 5, 2, 3};

    StepWindow w = StepWindow.of(series(t, v), 0, 100, 900);

    assertThat(w.micros()).containsExactly(0, 10, 20, 30, 100);
    assertThat(w.values()).containsExactly(0, 1, 2, 3, 3);
  }

  @Test
  void theWindowStartsAtTheValueTheLineHadThere() {
    long[] t = {10, 20, 30};
    double[] v = {4, 8, 6};

    StepWindow w = StepWindow.of(series(t, v), 25, 40, 100);

    assertThat(w.micros()).containsExactly(25, 30, 40);
    assertThat(w.values()).containsExactly(8, 6, 6);
  }
}

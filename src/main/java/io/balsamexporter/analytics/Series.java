package io.balsamexporter.analytics;

import java.util.Arrays;

/**
 * A report's points, as balsam.analytics returns them: one per element, repeated times kept. Times
 * are microseconds since the epoch, the resolution of Balsam's timestamps.
 */
public record Series(long[] micros, double[] values) {
  public static final Series EMPTY = new Series(new long[0], new double[0]);

  public int size() {
    return micros.length;
  }

  /** Collects points in arrays that grow by doubling. */
  static final class Builder {
    private long[] micros = new long[64];
    private double[] values = new double[64];
    private int size;

    void add(long time, double value) {
      if (size == micros.length) {
        micros = Arrays.copyOf(micros, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      micros[size] = time;
      values[size] = value;
      size++;
    }

    int size() {
      return size;
    }

    long timeAt(int i) {
      return micros[i];
    }

    double valueAt(int i) {
      return values[i];
    }

    void setValue(int i, double value) {
      values[i] = value;
    }

    /** Sorts the values of points {@code [from, to)} ascending; their times are left alone. */
    void sortValues(int from, int to) {
      Arrays.sort(values, from, to);
    }

    Series build() {
      return new Series(Arrays.copyOf(micros, size), Arrays.copyOf(values, size));
    }
  }
}

package io.balsamexporter.analytics;

import java.util.Arrays;

/**
 * A step line cut to a time window and reduced to what a picture {@code width} pixels wide can
 * show. Within one pixel column a step line draws a vertical stroke from its lowest to its highest
 * value, entered at the first value and left at the last: keeping those four points of each column
 * (in time order) draws the same pixels as every point would, so each step that changes the drawn
 * line is kept, and a million points become at most four per column.
 *
 * @param micros the kept times; the first is the window's start, carrying the value the line had
 *     there, and the last is its end
 */
public record StepWindow(long[] micros, double[] values) {

  public int size() {
    return micros.length;
  }

  /**
   * {@code series} (a step line: each value holds until the next point) over [from, to], down to at
   * most four points per pixel column. Points sharing a time keep only the last, which is the one
   * the line settles on.
   */
  public static StepWindow of(Series series, long from, long to, int width) {
    long[] t = series.micros();
    double[] v = series.values();
    int start = firstAfter(t, from);
    double before = start == 0 ? 0 : v[start - 1];
    int end = firstAfter(t, to);
    long[] outT = new long[Math.min(end - start, 4 * width + 4) + 2];
    double[] outV = new double[outT.length];
    int n = 0;
    outT[n] = from;
    outV[n++] = before;
    double span = Math.max(1, to - from);
    int i = start;
    while (i < end) {
      int column = column(t[i], from, span, width);
      int first = -1;
      int min = -1;
      int max = -1;
      int last = -1;
      while (i < end && column(t[i], from, span, width) == column) {
        // Of points with equal times only the last one is drawn; they share a column.
        if (i + 1 < end && t[i + 1] == t[i]) {
          i++;
          continue;
        }
        if (first < 0) {
          first = min = max = i;
        }
        min = v[i] < v[min] ? i : min;
        max = v[i] > v[max] ? i : max;
        last = i;
        i++;
      }
      int previous = -1;
      for (int k : new int[] {first, Math.min(min, max), Math.max(min, max), last}) {
        if (k != previous) {
          if (n == outT.length) {
            outT = Arrays.copyOf(outT, n * 2);
            outV = Arrays.copyOf(outV, n * 2);
          }
          outT[n] = t[k];
          outV[n++] = v[k];
          previous = k;
        }
      }
    }
    if (n == outT.length) {
      outT = Arrays.copyOf(outT, n + 1);
      outV = Arrays.copyOf(outV, n + 1);
    }
    outT[n] = to;
    outV[n] = n == 0 ? before : outV[n - 1];
    n++;
    return new StepWindow(Arrays.copyOf(outT, n), Arrays.copyOf(outV, n));
  }

  private static int column(long time, long from, double span, int width) {
    return (int) Math.min(width - 1, (long) ((time - from) / span * width));
  }

  /** The first index whose time is after {@code time}. */
  private static int firstAfter(long[] t, long time) {
    int low = 0;
    int high = t.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (t[mid] <= time) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}

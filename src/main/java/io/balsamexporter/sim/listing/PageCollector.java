package io.balsamexporter.sim.listing;

import io.balsamexporter.balsam.Page;
import io.balsamexporter.sim.request.Paging;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Counts every match of one pass over a table and keeps only the requested page: in the order the
 * matches arrive when that is the requested order, otherwise the best {@code offset + limit}
 * matches in a bounded heap (O(n log k) time, O(k) memory, no copy of the table).
 */
abstract class PageCollector<T> {
  protected final Paging paging;
  protected long count;

  private PageCollector(Paging paging) {
    this.paging = paging;
  }

  /** For matches that arrive already in the requested order. */
  static <T> PageCollector<T> inArrivalOrder(Paging paging) {
    return new InOrder<>(paging);
  }

  /** For matches that must be sorted; {@code order} must end with the id tie-break. */
  static <T> PageCollector<T> sortedBy(Comparator<? super T> order, Paging paging) {
    return new Sorted<>(order, paging);
  }

  abstract void accept(T match);

  abstract Page<T> page();

  private static final class InOrder<T> extends PageCollector<T> {
    private final List<T> results = new ArrayList<>();

    InOrder(Paging paging) {
      super(paging);
    }

    @Override
    void accept(T match) {
      if (count >= paging.offset() && count < paging.end()) {
        results.add(match);
      }
      count++;
    }

    @Override
    Page<T> page() {
      return new Page<>(count, results);
    }
  }

  private static final class Sorted<T> extends PageCollector<T> {
    private final Comparator<? super T> order;
    // The worst kept match on top, so a better one can replace it.
    private final PriorityQueue<T> best;

    Sorted(Comparator<? super T> order, Paging paging) {
      super(paging);
      this.order = order;
      this.best = new PriorityQueue<>(order.reversed());
    }

    @Override
    void accept(T match) {
      count++;
      long keep = paging.end();
      if (best.size() < keep) {
        best.add(match);
      } else if (keep > 0 && order.compare(match, best.peek()) < 0) {
        best.poll();
        best.add(match);
      }
    }

    @Override
    Page<T> page() {
      List<T> sorted = new ArrayList<>(best);
      sorted.sort(order);
      int from = (int) Math.min(paging.offset(), sorted.size());
      return new Page<>(count, sorted.subList(from, sorted.size()));
    }
  }
}

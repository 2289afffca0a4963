package io.balsamexporter.ingest;

import io.balsamexporter.balsam.BalsamException;
import io.balsamexporter.balsam.Page;
import io.balsamexporter.balsam.Query;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Sends one page request and hands its answer back later: inline (the request runs at {@link
 * #receive}) or on a thread of its own, so that it runs while the caller applies the page before.
 * One request at a time: {@link #send} is called only after the previous answer was received.
 */
abstract class PageFetcher<T> implements AutoCloseable {

  abstract void send(Query query);

  abstract Page<T> receive() throws BalsamException;

  @Override
  public abstract void close();

  static <T> PageFetcher<T> inline(KeysetPager.Fetch<T> fetch) {
    return new PageFetcher<>() {
      private Query pending;

      @Override
      void send(Query query) {
        pending = query;
      }

      @Override
      Page<T> receive() throws BalsamException {
        Query query = pending;
        pending = null;
        return fetch.fetch(query);
      }

      @Override
      public void close() {}
    };
  }

  static <T> PageFetcher<T> background(KeysetPager.Fetch<T> fetch) {
    ExecutorService thread = BackgroundRead.daemonThread("balsam-page-prefetch");
    return new PageFetcher<>() {
      private Future<Page<T>> inFlight;

      @Override
      void send(Query query) {
        inFlight = thread.submit(() -> fetch.fetch(query));
      }

      @Override
      Page<T> receive() throws BalsamException {
        Future<Page<T>> future = inFlight;
        inFlight = null;
        return BackgroundRead.answer(future);
      }

      @Override
      public void close() {
        if (inFlight != null) {
          inFlight.cancel(true);
        }
        thread.shutdownNow();
      }
    };
  }
}

package io.balsamexporter.analytics;

/** Where reports come from: the running exporter's journal, or Balsam itself. */
@FunctionalInterface
public interface ReportSource {

  /**
   * @throws ReportException when the request names what does not exist (e.g. an unknown site)
   * @throws NotReadyException when the source cannot answer yet
   */
  Report run(ReportRequest request) throws ReportException, NotReadyException;

  /** The journal before the first sync has read the whole history: any answer would be short. */
  final class NotReadyException extends Exception {
    public NotReadyException(String message) {
      super(message);
    }
  }
}

package io.balsamexporter.analytics;

/**
 * A report that cannot be made as asked: a bad parameter or a filter naming nothing that exists.
 * The message is one sentence fit for a 400 answer or a command's error line.
 */
public final class ReportException extends Exception {
  public ReportException(String message) {
    super(message);
  }
}

package io.balsamexporter.balsam;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The bounded labels of the failure families, read from an event's {@code data} as Balsam writes it
 * (balsam-api.md §5, §8.9). Whatever the data holds, the answer is one of a fixed set: a hostile
 * payload can neither fail a poll nor grow a label.
 */
public final class FailureData {
  /** The lowest and highest exit codes kept verbatim: -N for signal N in Python, 0..255 else. */
  public static final int LOWEST_CODE = -64;

  public static final int HIGHEST_CODE = 255;
  public static final String OTHER_CODE = "other";
  public static final String NO_CODE = "none";

  public static final String LAUNCHER_EXCEPTION = "launcher_exception";
  public static final String PREPROCESS_HOOK = "preprocess_hook";
  public static final String POSTPROCESS_HOOK = "postprocess_hook";
  public static final String ERROR_HOOK = "error_hook";
  public static final String RUN_ERROR = "run_error";
  public static final String RUN_TIMEOUT = "run_timeout";
  public static final String OTHER_CAUSE = "other";
  public static final String NO_CAUSE = "none";

  /** Every cause, in the order the README lists them. */
  public static final List<String> CAUSES =
      List.of(
          LAUNCHER_EXCEPTION,
          PREPROCESS_HOOK,
          POSTPROCESS_HOOK,
          ERROR_HOOK,
          RUN_ERROR,
          RUN_TIMEOUT,
          OTHER_CAUSE,
          NO_CAUSE);

  private FailureData() {}

  /**
   * The {@code returncode} label of a RUN_ERROR's data: the decimal code from -64 to 255 as
   * recorded, {@code other} for any other JSON number (out of range, or not whole), {@code none}
   * when absent or not a number.
   */
  public static String returnCode(Map<String, Object> data) {
    Object code = data.get("returncode");
    if (code instanceof Integer || code instanceof Long || code instanceof Short) {
      long value = ((Number) code).longValue();
      return value >= LOWEST_CODE && value <= HIGHEST_CODE ? Long.toString(value) : OTHER_CODE;
    }
    if (code instanceof BigInteger
        || code instanceof Double
        || code instanceof Float
        || code instanceof BigDecimal) {
      return OTHER_CODE;
    }
    return NO_CODE;
  }

  /**
   * Why a job went FAILED. The exception a launcher or hook recorded names its hook in the message
   * ({@code An exception occured in <bound method App.preprocess ...>}); a FAILED with no reason of
   * its own follows a RUN_ERROR (the error handler gave up: retries exhausted) or a RUN_TIMEOUT,
   * and takes that as its cause.
   */
  public static String cause(Event event) {
    Map<String, Object> data = event.data();
    Object message = data.get("message");
    String text = message instanceof String s ? s : "";
    if (data.containsKey("exception") || text.startsWith("An exception occured")) {
      if (text.contains(".preprocess")) {
        return PREPROCESS_HOOK;
      }
      if (text.contains(".postprocess")) {
        return POSTPROCESS_HOOK;
      }
      if (text.contains(".handle_error") || text.contains(".handle_timeout")) {
        return ERROR_HOOK;
      }
      return LAUNCHER_EXCEPTION;
    }
    if (JobStates.RUN_ERROR.equals(event.fromState())) {
      return RUN_ERROR;
    }
    if (JobStates.RUN_TIMEOUT.equals(event.fromState())) {
      return RUN_TIMEOUT;
    }
    return data.isEmpty() ? NO_CAUSE : OTHER_CAUSE;
  }
}

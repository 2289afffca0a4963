package io.balsamexporter.sim.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code data} objects of EventLog rows (balsam-api.md §5). Most events carry one of a few
 * values, so these are shared instances: ten million events must not hold ten million maps.
 */
public final class EventData {
  /** {@code {}}: the data of most transitions. */
  public static final Map<String, Object> EMPTY = Map.of();

  public static final String SKIPPED_STAGE_IN = "Skipped stage in";
  public static final String SKIPPED_STAGE_OUT = "Skipped stage out";
  public static final String ALL_PARENTS_FINISHED = "All parents finished";
  public static final String SESSION_EXPIRED = "Session expired: job was stuck in RUNNING state";

  private static final Map<String, Map<String, Object>> MESSAGES = new ConcurrentHashMap<>();
  private static final Map<Double, Map<String, Object>> RUNNING = new ConcurrentHashMap<>();
  private static final Map<String, Map<String, Object>> RUN_ERRORS = new ConcurrentHashMap<>();
  private static final Map<String, Map<String, Object>> FAILURES = new ConcurrentHashMap<>();

  private EventData() {}

  /** {@code {"message": text}}, shared per text. */
  public static Map<String, Object> message(String text) {
    return MESSAGES.computeIfAbsent(text, t -> Map.of("message", t));
  }

  /** The session-expiry data the server writes when it times out a stuck RUNNING job. */
  public static Map<String, Object> sessionExpired() {
    return message(SESSION_EXPIRED);
  }

  /**
   * What Balsam's launcher records on a RUNNING event: the job's node weight, always a float
   * ({@code 1.0}, never {@code 1}).
   */
  public static Map<String, Object> running(int numNodes, int nodePackingCount) {
    return running((double) numNodes / nodePackingCount);
  }

  public static Map<String, Object> running(double nodeWeight) {
    return RUNNING.computeIfAbsent(nodeWeight, w -> Map.of("num_nodes", w));
  }

  /** {@code {"error": tail of output, "returncode": code}} in JSONB key order, shared. */
  public static Map<String, Object> runError(int returnCode, String error) {
    return RUN_ERRORS.computeIfAbsent(
        returnCode + "\n" + error,
        key -> {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("returncode", returnCode);
          data.put("error", error);
          return JsonbOrder.ordered(data);
        });
  }

  /** What the site's processing service records when an app's preprocess hook raises. */
  public static Map<String, Object> preprocessFailure(String appName, String exception) {
    return hookFailure(appName, "preprocess", exception);
  }

  /**
   * What the site's processing service records when an app's hook ({@code preprocess}, {@code
   * postprocess}, {@code handle_error}, {@code handle_timeout}) raises.
   */
  public static Map<String, Object> hookFailure(String appName, String hook, String exception) {
    return failure(
        "An exception occured in <bound method " + appName + "." + hook + ">", exception);
  }

  /** What a launcher records when starting a job raised. */
  public static Map<String, Object> launcherFailure(String exception) {
    return failure("An exception occured while launching the job", exception);
  }

  private static Map<String, Object> failure(String message, String exception) {
    return FAILURES.computeIfAbsent(
        message + "\n" + exception,
        key -> {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("message", message);
          data.put("exception", exception);
          return JsonbOrder.ordered(data);
        });
  }

  /**
   * The data of an event whose state the server rewrote: the client's data with the server's {@code
   * message} set, as Balsam does in place.
   */
  static Map<String, Object> withMessage(Map<String, Object> clientData, String text) {
    if (clientData.isEmpty() || clientData.equals(message(text))) {
      return message(text);
    }
    Map<String, Object> data = new LinkedHashMap<>(clientData);
    data.put("message", text);
    return JsonbOrder.ordered(data);
  }

  /** Client data as stored: empty data shares {@link #EMPTY}, known shapes share instances. */
  static Map<String, Object> stored(Map<String, Object> clientData) {
    if (clientData == null || clientData.isEmpty()) {
      return EMPTY;
    }
    if (clientData.size() == 1) {
      if (clientData.get("num_nodes") instanceof Double weight) {
        return running(weight);
      }
      if (clientData.get("message") instanceof String text) {
        return message(text);
      }
    }
    return JsonbOrder.ordered(clientData);
  }
}

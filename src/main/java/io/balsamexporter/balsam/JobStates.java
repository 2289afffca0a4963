package io.balsamexporter.balsam;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Balsam's job and batch-job states (balsam-api.md §4.1). Stored records always hold these constant
 * instances, so a store with millions of jobs and events keeps one copy of each name.
 */
public final class JobStates {
  public static final String CREATED = "CREATED";
  public static final String AWAITING_PARENTS = "AWAITING_PARENTS";
  public static final String READY = "READY";
  public static final String STAGED_IN = "STAGED_IN";
  public static final String PREPROCESSED = "PREPROCESSED";
  public static final String RUNNING = "RUNNING";
  public static final String RUN_DONE = "RUN_DONE";
  public static final String RUN_ERROR = "RUN_ERROR";
  public static final String RUN_TIMEOUT = "RUN_TIMEOUT";
  public static final String RESTART_READY = "RESTART_READY";
  public static final String POSTPROCESSED = "POSTPROCESSED";
  public static final String STAGED_OUT = "STAGED_OUT";
  public static final String JOB_FINISHED = "JOB_FINISHED";
  public static final String FAILED = "FAILED";

  /** Every job state, in life-cycle order. */
  public static final List<String> ALL =
      List.of(
          CREATED,
          AWAITING_PARENTS,
          READY,
          STAGED_IN,
          PREPROCESSED,
          RUNNING,
          RUN_DONE,
          RUN_ERROR,
          RUN_TIMEOUT,
          RESTART_READY,
          POSTPROCESSED,
          STAGED_OUT,
          JOB_FINISHED,
          FAILED);

  public static final String BATCH_PENDING_SUBMISSION = "pending_submission";
  public static final String BATCH_QUEUED = "queued";
  public static final String BATCH_RUNNING = "running";
  public static final String BATCH_FINISHED = "finished";
  public static final String BATCH_SUBMIT_FAILED = "submit_failed";
  public static final String BATCH_PENDING_DELETION = "pending_deletion";

  /** Every batch-job state. */
  public static final List<String> BATCH_ALL =
      List.of(
          BATCH_PENDING_SUBMISSION,
          BATCH_QUEUED,
          BATCH_RUNNING,
          BATCH_FINISHED,
          BATCH_SUBMIT_FAILED,
          BATCH_PENDING_DELETION);

  private static final Map<String, String> CANONICAL =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Function.identity(), s -> s));

  private JobStates() {}

  /** The shared instance of a job state name; rejects names Balsam does not know. */
  public static String canonical(String state) {
    String known = CANONICAL.get(state);
    if (known == null) {
      throw new IllegalArgumentException("unknown job state: " + state);
    }
    return known;
  }

  /** Batch-job states are not validated by the server; keeping one instance still saves memory. */
  public static String canonicalBatchState(String state) {
    return switch (state) {
      case BATCH_PENDING_SUBMISSION -> BATCH_PENDING_SUBMISSION;
      case BATCH_QUEUED -> BATCH_QUEUED;
      case BATCH_RUNNING -> BATCH_RUNNING;
      case BATCH_FINISHED -> BATCH_FINISHED;
      case BATCH_SUBMIT_FAILED -> BATCH_SUBMIT_FAILED;
      case BATCH_PENDING_DELETION -> BATCH_PENDING_DELETION;
      default -> state;
    };
  }
}

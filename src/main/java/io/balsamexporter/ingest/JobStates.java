package io.balsamexporter.ingest;

import java.util.List;

/** Balsam's job and batch-job states (balsam-api.md §4.1) and the transitions its agents make. */
public final class JobStates {
  public static final String RUNNING = "RUNNING";

  /** Every job state, in life-cycle order. */
  public static final List<String> ALL =
      List.of(
          "CREATED",
          "AWAITING_PARENTS",
          "READY",
          "STAGED_IN",
          "PREPROCESSED",
          "RUNNING",
          "RUN_DONE",
          "RUN_ERROR",
          "RUN_TIMEOUT",
          "RESTART_READY",
          "POSTPROCESSED",
          "STAGED_OUT",
          "JOB_FINISHED",
          "FAILED");

  /** The states after which a job waits for a launcher to run it. */
  public static final List<String> RUNNABLE = List.of("PREPROCESSED", "RESTART_READY");

  /**
   * The transitions of Balsam's documented life cycles, so their counters exist at zero before the
   * first event and {@code rate()} sees the first one.
   */
  public static final List<List<String>> LIFE_CYCLE =
      List.of(
          List.of("CREATED", "STAGED_IN"),
          List.of("CREATED", "READY"),
          List.of("CREATED", "AWAITING_PARENTS"),
          List.of("AWAITING_PARENTS", "STAGED_IN"),
          List.of("AWAITING_PARENTS", "READY"),
          List.of("READY", "STAGED_IN"),
          List.of("STAGED_IN", "PREPROCESSED"),
          List.of("STAGED_IN", "FAILED"),
          List.of("PREPROCESSED", "RUNNING"),
          List.of("RUNNING", "RUN_DONE"),
          List.of("RUNNING", "RUN_ERROR"),
          List.of("RUNNING", "RUN_TIMEOUT"),
          List.of("RUN_DONE", "POSTPROCESSED"),
          List.of("RUN_DONE", "JOB_FINISHED"),
          List.of("POSTPROCESSED", "JOB_FINISHED"),
          List.of("RUN_ERROR", "RESTART_READY"),
          List.of("RUN_ERROR", "FAILED"),
          List.of("RUN_TIMEOUT", "RESTART_READY"),
          List.of("RESTART_READY", "RUNNING"));

  /** Batch-job (scheduler allocation) states. */
  public static final List<String> BATCH_JOB =
      List.of(
          "pending_submission",
          "queued",
          "running",
          "finished",
          "submit_failed",
          "pending_deletion");

  public static final String BATCH_JOB_RUNNING = "running";

  private JobStates() {}
}

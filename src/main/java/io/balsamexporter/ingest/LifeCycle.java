package io.balsamexporter.ingest;

import java.util.List;

/** What the exporter knows of how Balsam's agents move jobs through their states. */
public final class LifeCycle {

  /** The states after which a job waits for a launcher to run it. */
  public static final List<String> RUNNABLE = List.of("PREPROCESSED", "RESTART_READY");

  /**
   * The transitions of Balsam's documented life cycles (balsam-api.md §5), so their counters exist
   * at zero before the first event and {@code rate()} sees the first one.
   */
  public static final List<List<String>> TRANSITIONS =
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

  private LifeCycle() {}
}

package io.balsamexporter.sim.catalog;

import io.balsamexporter.sim.store.EventData;
import java.util.List;
import java.util.Map;

/**
 * How simulated jobs fail, as a real Balsam 0.7 site writes it (balsam-api.md §5 and §8.9): the
 * launcher's RUN_ERROR carries the exit code and the last ten lines of {@code job.out}; a hook that
 * raises makes the site's processing service write FAILED with the exception text; the default
 * error handler moves RUN_ERROR to FAILED with {@code {}}.
 *
 * <p>The texts vary in rank, pid, node and path the way real output does, from a small range so
 * that the bulk builder's shared data stays small, and so that the failures page has something to
 * fold into one signature.
 */
public final class Failures {
  /** How many kinds of run error {@link #runError} knows: a power of two, one random draw. */
  public static final int RUN_ERROR_KINDS = 8;

  private static final String BANNER_RULE =
      "===================================================================================";

  private Failures() {}

  /**
   * The data of a RUN_ERROR of the given kind ({@code 0 <= kind < RUN_ERROR_KINDS}), varied by
   * {@code salt} (any int).
   */
  public static Map<String, Object> runError(int kind, int salt) {
    int rank = Math.floorMod(salt, 16);
    int node = 10 + Math.floorMod(salt >> 4, 8);
    int pid = 40000 + Math.floorMod(salt >> 7, 50) * 17;
    String host = "nid%05d".formatted(node);
    return switch (Math.floorMod(kind, RUN_ERROR_KINDS)) {
      case 0 -> EventData.runError(1, pythonTraceback(rank));
      case 1 -> EventData.runError(2, usage());
      case 2 -> EventData.runError(3, exitThree(rank));
      case 3 -> EventData.runError(-9, killedSerial(rank));
      case 4 -> EventData.runError(9, mpiBadTermination(pid, host, 9));
      case 5 -> EventData.runError(137, oomKilled(host));
      case 6 -> EventData.runError(139, segfault(rank, host));
      default -> EventData.runError(134, abort(rank));
    };
  }

  /** The FAILED data the processing service writes when the app's preprocess hook raises. */
  public static Map<String, Object> preprocessFailure(String appName, int salt) {
    return EventData.hookFailure(
        appName,
        "preprocess",
        "FileNotFoundError: [Errno 2] No such file or directory: '/lus/grand/projects/md/run%03d/topology.psf'"
            .formatted(Math.floorMod(salt, 40)));
  }

  /** The FAILED data the processing service writes when the app's postprocess hook raises. */
  public static Map<String, Object> postprocessFailure(String appName, int salt) {
    return EventData.hookFailure(
        appName,
        "postprocess",
        "ValueError: could not convert string to float: 'nan%x'".formatted(Math.floorMod(salt, 8)));
  }

  /** The FAILED data a launcher writes when starting the job raised. */
  public static Map<String, Object> launchFailure(int salt) {
    return EventData.launcherFailure(
        "OSError: [Errno 24] Too many open files: '/tmp/balsam-%d.sock'"
            .formatted(4000 + Math.floorMod(salt, 30)));
  }

  private static String lines(List<String> lines) {
    return String.join("\n", lines);
  }

  private static String pythonTraceback(int rank) {
    return lines(
        List.of(
            "  File \"/lus/grand/projects/md/bin/analyze.py\", line 88, in <module>",
            "    main()",
            "  File \"/lus/grand/projects/md/bin/analyze.py\", line 71, in main",
            "    frames = load(path)",
            "  File \"/lus/grand/projects/md/bin/analyze.py\", line 40, in load",
            "    raise ValueError(f\"frame {i} is truncated\")",
            "ValueError: frame " + (1000 + rank * 37) + " is truncated"));
  }

  private static String usage() {
    return lines(
        List.of(
            "usage: sweep [-h] [--steps STEPS] [--seed SEED] config",
            "sweep: error: unrecognized arguments: --temperature"));
  }

  private static String exitThree(int rank) {
    return lines(
        List.of(
            "step " + (200 + rank) + ": energy diverged (dE = 3.2e+04)",
            "writing checkpoint to /lus/grand/projects/md/run" + rank + "/ckpt.0x" + (rank + 10),
            "aborting: exit 3"));
  }

  private static String killedSerial(int rank) {
    return lines(
        List.of(
            "epoch " + rank + " batch 512/2048 loss=0.4413",
            "epoch " + rank + " batch 768/2048 loss=0.4391",
            "epoch " + rank + " batch 1024/2048 loss=0.4375"));
  }

  private static String mpiBadTermination(int pid, String host, int code) {
    return lines(
        List.of(
            "",
            BANNER_RULE,
            "=   BAD TERMINATION OF ONE OF YOUR APPLICATION PROCESSES",
            "=   PID " + pid + " RUNNING AT " + host,
            "=   EXIT CODE: " + code,
            "=   CLEANING UP REMAINING PROCESSES",
            "=   YOU CAN IGNORE THE BELOW CLEANUP MESSAGES",
            BANNER_RULE,
            "YOUR APPLICATION TERMINATED WITH THE EXIT STRING: Killed (signal " + code + ")",
            "This typically refers to a problem with your application."));
  }

  private static String oomKilled(String host) {
    return lines(
        List.of(
            "allocating 0x7f3a2c000000 bytes for the neighbour list on " + host,
            "/var/spool/slurmd/job_script: line 12: Killed"));
  }

  private static String segfault(int rank, String host) {
    return lines(
        List.of(
            "[" + host + ":" + rank + "] *** Process received signal ***",
            "[" + host + ":" + rank + "] Signal: Segmentation fault (11)",
            "[" + host + ":" + rank + "] Failing at address: 0x" + Integer.toHexString(rank + 16),
            "[" + host + ":" + rank + "] *** End of error message ***"));
  }

  private static String abort(int rank) {
    return lines(
        List.of(
            "MPICH ERROR [Rank " + rank + "]: application terminated",
            "[rank " + rank + "] exiting with status 134"));
  }
}

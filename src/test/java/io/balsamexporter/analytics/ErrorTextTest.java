package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

  private static String signatureOf(String error) {
    return ErrorText.signature(ErrorText.clean(error));
  }

  private static String banner(int pid, String host) {
    return String.join(
        "\n",
        "",
        "=".repeat(83),
        "=   BAD TERMINATION OF ONE OF YOUR APPLICATION PROCESSES",
        "=   PID " + pid + " RUNNING AT " + host,
        "=   EXIT CODE: 9",
        "=   CLEANING UP REMAINING PROCESSES",
        "=   YOU CAN IGNORE THE BELOW CLEANUP MESSAGES",
        "=".repeat(83),
        "YOUR APPLICATION TERMINATED WITH THE EXIT STRING: Killed (signal 9)",
        "This typically refers to a problem with your application.");
  }

  @Test
  void runsOfOneFailureOnOtherPidsNodesAndPathsShareASignature() {
    assertThat(signatureOf(banner(40017, "nid00012")))
        .isEqualTo(signatureOf(banner(41234, "x1000c0s7b0n1")));
    assertThat(signatureOf("ValueError: frame 1037 is truncated in /lus/run3/traj.dcd"))
        .isEqualTo(signatureOf("ValueError: frame 1555 is truncated in /lus/run15/traj.dcd"));
  }

  @Test
  void differentFailuresKeepDifferentSignatures() {
    Set<String> signatures = new HashSet<>();
    signatures.add(signatureOf(banner(40017, "nid00012")));
    signatures.add(signatureOf("ValueError: frame 1037 is truncated"));
    signatures.add(signatureOf("KeyError: 'frame'"));
    signatures.add(signatureOf("/var/spool/slurmd/job_script: line 12: Killed"));
    assertThat(signatures).hasSize(4);
  }

  @Test
  void numbersHexIdsPathsAndNodeNamesAreFolded() {
    assertThat(
            signatureOf(
                "[nid00042:7] Failing at address: 0x7f3a2c000000 in /lus/grand/run12/a.out"
                    + " after 3.5e+04 steps on x1000c0s0b0n0"))
        .isEqualTo("[<node>:<n>] Failing at address: <hex> in <path> after <n> steps on <node>");
  }

  @Test
  void markupIsKeptAsTextAndEscapeSequencesAndControlsAreNot() {
    assertThat(ErrorText.clean("<b>x</b> \u001b[1;31mred\u001b[0m\u0000\u0007 tab\tok"))
        .isEqualTo("<b>x</b> red\uFFFD\uFFFD tab\tok");
  }

  @Test
  void aLongTailKeepsItsEndWithinTheByteBoundAndSaysItWasCut() {
    String kept = ErrorText.clean("é".repeat(1 << 20) + "\nthe end");
    assertThat(kept).startsWith("…").endsWith("\nthe end");
    assertThat(kept.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
        .isLessThanOrEqualTo(ErrorText.MAX_BYTES);
  }
}

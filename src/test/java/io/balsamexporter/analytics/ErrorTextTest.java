package io.balsamexporter.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.balsamexporter.sim.catalog.Failures;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ErrorTextTest {

  private static String signatureOf(Object error) {
    return ErrorText.signature(ErrorText.clean((String) error));
  }

  @Test
  void runsOfOneFailureOnOtherRanksNodesAndPathsShareASignature() {
    for (int kind = 0; kind < Failures.RUN_ERROR_KINDS; kind++) {
      Set<String> signatures = new HashSet<>();
      for (int salt = 0; salt < 5_000; salt += 37) {
        signatures.add(signatureOf(Failures.runError(kind, salt).get("error")));
      }
      assertThat(signatures).as("kind " + kind).hasSize(1);
    }
  }

  @Test
  void differentFailuresKeepDifferentSignatures() {
    Set<String> signatures = new HashSet<>();
    for (int kind = 0; kind < Failures.RUN_ERROR_KINDS; kind++) {
      signatures.add(signatureOf(Failures.runError(kind, 3).get("error")));
    }
    assertThat(signatures).hasSize(Failures.RUN_ERROR_KINDS);
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

package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.balsamexporter.balsam.BalsamException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(10, Duration.ofMillis(500), Duration.ofSeconds(10));

  @Test
  void nominalDelaysDoubleUntilTheCap() {
    assertThat(policy.nominalDelay(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.nominalDelay(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.nominalDelay(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.nominalDelay(5)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.nominalDelay(6)).isEqualTo(Duration.ofSeconds(10));
    assertThat(policy.nominalDelay(1_000)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void jitteredDelaysStayBetweenHalfAndAllOfTheNominalDelay() {
    for (int retry = 1; retry <= 8; retry++) {
      Duration nominal = policy.nominalDelay(retry);
      assertThat(policy.delay(retry, 0.0)).isEqualTo(nominal.dividedBy(2));
      assertThat(policy.delay(retry, 0.999_999)).isLessThanOrEqualTo(nominal);
      assertThat(policy.delay(retry, 0.5)).isGreaterThan(nominal.dividedBy(2)).isLessThan(nominal);
    }
  }

  @Test
  void aRandomOutsideTheUnitIntervalCannotEscapeTheBounds() {
    assertThat(policy.delay(1, -3)).isEqualTo(Duration.ofMillis(250));
    assertThat(policy.delay(1, 7)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void onlyFailuresThatMayPassAreRetried() {
    assertThat(RetryPolicy.isRetried(Kind.UNREACHABLE)).isTrue();
    assertThat(RetryPolicy.isRetried(Kind.SERVER_ERROR)).isTrue();
    assertThat(RetryPolicy.isRetried(Kind.CLIENT_ERROR)).isFalse();
    assertThat(RetryPolicy.isRetried(Kind.BAD_RESPONSE)).isFalse();
    assertThat(RetryPolicy.isRetried(Kind.UNAUTHORIZED)).isFalse();
  }

  @Test
  void retriesCountTheAttemptsAfterTheFirst() {
    assertThat(RetryPolicy.withRetries(3).maxAttempts()).isEqualTo(4);
    assertThat(RetryPolicy.withRetries(0).maxAttempts()).isEqualTo(1);
    assertThatThrownBy(() -> RetryPolicy.withRetries(-1))
        .hasMessageContaining("retries must be at least 0");
  }
}

package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The byte count behind --balsam.max-response-size, at its edges. */
class BodyLimitTest {

  @Test
  void aBodyOfExactlyTheLimitReadsWhole() throws IOException {
    byte[] body = new byte[4096];
    try (InputStream in = new BodyLimit(new ByteArrayInputStream(body), 4096)) {
      assertThat(in.readAllBytes()).hasSize(4096);
    }
  }

  @Test
  void oneByteMoreFailsAndClosesTheStreamUnderneath() {
    AtomicBoolean closed = new AtomicBoolean();
    InputStream wire =
        new ByteArrayInputStream(new byte[4097]) {
          @Override
          public void close() {
            closed.set(true);
          }
        };
    InputStream in = new BodyLimit(wire, 4096);

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(BodyLimit.TooLarge.class)
        .hasMessage("response body larger than 4KiB");
    assertThat(closed).isTrue();
    // Every later read fails the same way rather than reading on.
    assertThatThrownBy(in::read).isInstanceOf(BodyLimit.TooLarge.class);
  }

  @Test
  void singleByteReadsAreCountedToo() throws IOException {
    InputStream in = new BodyLimit(new ByteArrayInputStream(new byte[10]), 3);
    assertThat(in.read()).isZero();
    assertThat(in.read()).isZero();
    assertThat(in.read()).isZero();
    assertThatThrownBy(in::read).isInstanceOf(BodyLimit.TooLarge.class);
  }

  @Test
  void sizesParseWithBinaryUnitsAndFormatInTheLargestExactOne() {
    assertThat(ByteSize.parse("512MiB")).isEqualTo(512L << 20);
    assertThat(ByteSize.parse("64KiB")).isEqualTo(64L << 10);
    assertThat(ByteSize.parse("1GiB")).isEqualTo(1L << 30);
    assertThat(ByteSize.parse("1048576")).isEqualTo(1L << 20);
    assertThat(ByteSize.parse("100B")).isEqualTo(100);
    assertThat(ByteSize.format(512L << 20)).isEqualTo("512MiB");
    assertThat(ByteSize.format(1536)).isEqualTo("1536B");
    assertThat(ByteSize.format(3L << 10)).isEqualTo("3KiB");
    for (String bad : new String[] {"512MB", "1.5GiB", "", "-1", "MiB", "99999999999999TiB"}) {
      assertThatThrownBy(() -> ByteSize.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}

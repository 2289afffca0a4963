package io.balsamexporter.balsam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtExpiryTest {

  static String jwt(String payloadJson) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    return encoder.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + encoder.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }

  @Test
  void balsamsExpClaimIsReadWithoutCheckingTheSignature() {
    String token = jwt("{\"sub\":2,\"exp\":1795857188,\"username\":\"example\"}");

    assertThat(JwtExpiry.of(token)).contains(Instant.ofEpochSecond(1795857188));
  }

  @Test
  void aPayloadWhoseLengthNeedsPaddingIsStillDecoded() {
    for (String name : new String[] {"a", "ab", "abc"}) {
      String token = jwt("{\"exp\":1795857188,\"username\":\"" + name + "\"}");

      assertThat(JwtExpiry.of(token)).as(name).contains(Instant.ofEpochSecond(1795857188));
    }
  }

  @Test
  void aTokenWithoutANumericExpHasNoKnownExpiry() {
    assertThat(JwtExpiry.of(jwt("{\"sub\":2}"))).isEmpty();
    assertThat(JwtExpiry.of(jwt("{\"exp\":\"tomorrow\"}"))).isEmpty();
    assertThat(JwtExpiry.of(jwt("[1,2]"))).isEmpty();
  }

  @Test
  void anOpaqueOrBrokenTokenHasNoKnownExpiry() {
    assertThat(JwtExpiry.of("opaque-token")).isEmpty();
    assertThat(JwtExpiry.of("a.b")).isEmpty();
    assertThat(JwtExpiry.of("x.%%%.y")).isEmpty();
    assertThat(JwtExpiry.of("x.bm90IGpzb24.y")).isEmpty();
    assertThat(JwtExpiry.of(null)).isEmpty();
  }
}

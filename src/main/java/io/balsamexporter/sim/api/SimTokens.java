package io.balsamexporter.sim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.balsamexporter.balsam.BalsamJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Balsam's access tokens: JWTs signed with HMAC-SHA256, claims {@code sub} (the user id as an
 * integer), {@code exp} (epoch seconds) and {@code username}, in the order the real server emits
 * them. The secret is random per simulator; replacing it invalidates every token issued so far.
 */
public final class SimTokens {
  private static final String HEADER =
      base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a login hands out: the token and its expiry at full precision. */
  record Issued(String accessToken, Instant expiration) {}

  /** The identity a valid token carries. */
  record Claims(long userId, String username) {}

  private volatile SecretKeySpec key = newKey();

  Issued issue(long userId, String username, Instant now, Duration lifetime) {
    Instant expiration = now.plus(lifetime);
    ObjectNode claims = BalsamJson.mapper().createObjectNode();
    claims.put("sub", userId);
    claims.put("exp", expiration.getEpochSecond());
    claims.put("username", username);
    String signingInput =
        HEADER + "." + base64Url(claims.toString().getBytes(StandardCharsets.UTF_8));
    return new Issued(signingInput + "." + base64Url(sign(signingInput, key)), expiration);
  }

  /**
   * The claims of a token this simulator signed and that has not expired at {@code now}; empty for
   * anything else, as the server does not say why a token was refused.
   */
  Optional<Claims> verify(String token, Instant now) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      JsonNode header = BalsamJson.mapper().readTree(decode(parts[0]));
      if (header == null || !"HS256".equals(header.path("alg").asText())) {
        return Optional.empty();
      }
      byte[] expected = sign(parts[0] + "." + parts[1], key);
      if (!MessageDigest.isEqual(expected, decode(parts[2]))) {
        return Optional.empty();
      }
      JsonNode claims = BalsamJson.mapper().readTree(decode(parts[1]));
      JsonNode sub = claims.path("sub");
      JsonNode exp = claims.path("exp");
      if (!sub.isIntegralNumber() || !exp.isNumber()) {
        return Optional.empty();
      }
      // A token is refused from the second of its exp on, as PyJWT does.
      if (now.getEpochSecond() >= exp.asLong()) {
        return Optional.empty();
      }
      return Optional.of(new Claims(sub.asLong(), claims.path("username").asText("")));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Makes every token issued so far fail signature checks, like a server whose secret changed. */
  public void rotateSecret() {
    key = newKey();
  }

  private static SecretKeySpec newKey() {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    return new SecretKeySpec(secret, "HmacSHA256");
  }

  private static byte[] sign(String signingInput, SecretKeySpec key) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static String base64Url(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static byte[] decode(String part) {
    return Base64.getUrlDecoder().decode(part);
  }
}

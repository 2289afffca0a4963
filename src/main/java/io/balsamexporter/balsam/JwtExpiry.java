package io.balsamexporter.balsam;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Reads the {@code exp} claim of a JWT without checking its signature: the exporter only wants to
 * know when Balsam will stop accepting a token it was given, not whether to trust it.
 */
public final class JwtExpiry {
  private JwtExpiry() {}

  /** The expiry of {@code token}, or empty when it is not a JWT with a numeric {@code exp}. */
  public static Optional<Instant> of(String token) {
    if (token == null) {
      return Optional.empty();
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    try {
      byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
      JsonNode claims = BalsamJson.mapper().readTree(new String(payload, StandardCharsets.UTF_8));
      JsonNode exp = claims == null ? null : claims.get("exp");
      if (exp == null || !exp.isNumber()) {
        return Optional.empty();
      }
      return Optional.of(Instant.ofEpochSecond(exp.asLong()));
    } catch (IllegalArgumentException | java.io.IOException e) {
      // Not base64url or not JSON: an opaque token, whose expiry nobody can know in advance.
      return Optional.empty();
    }
  }
}

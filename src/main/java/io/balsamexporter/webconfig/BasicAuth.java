package io.balsamexporter.webconfig;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Checks HTTP basic credentials against bcrypt hashes. A bcrypt costs tens of milliseconds by
 * design; a scrape every 15 s must not pay it each time, so results are remembered for a short
 * while under an HMAC of (user, hash, password) keyed by a random per-process key: the plaintext is
 * never kept, and the remembered digests are useless outside this process.
 */
final class BasicAuth {
  static final int MAX_REMEMBERED = 1024;
  static final long REMEMBER_NANOS = 60_000_000_000L;
  private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$");

  private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();
  private final byte[] key = new byte[32];
  private volatile int bcryptRuns;

  BasicAuth() {
    new SecureRandom().nextBytes(key);
  }

  private record Remembered(boolean valid, long until) {}

  static boolean isBcryptHash(String value) {
    return BCRYPT.matcher(value).matches();
  }

  /**
   * @param header the request's Authorization header, may be null
   * @return true when the header names a user of {@code users} with the right password
   */
  boolean allows(Map<String, String> users, String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return false;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String user = decoded.substring(0, colon);
    String hash = users.get(user);
    if (hash == null) {
      return false;
    }
    String password = decoded.substring(colon + 1);
    String digest = digest(user, hash, password);
    long now = System.nanoTime();
    Remembered known = remembered.get(digest);
    if (known != null && now - known.until() < 0) {
      return known.valid();
    }
    boolean valid = OpenBSDBCrypt.checkPassword(hash, password.toCharArray());
    bcryptRuns++;
    if (remembered.size() >= MAX_REMEMBERED) {
      remembered.clear();
    }
    remembered.put(digest, new Remembered(valid, now + REMEMBER_NANOS));
    return valid;
  }

  /** How many bcrypt checks ran: lets a test see the cache work without timing anything. */
  int bcryptRuns() {
    return bcryptRuns;
  }

  private String digest(String user, String hash, String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (String part : new String[] {user, hash, password}) {
        mac.update(part.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
      }
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }
}

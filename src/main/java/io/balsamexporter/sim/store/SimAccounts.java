package io.balsamexporter.sim.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The simulated server's users. Passwords are only compared, never logged or echoed: the {@link
 * SimData.User} record holding one must not be printed either.
 */
public final class SimAccounts {
  private SimAccounts() {}

  /**
   * Registers a user as {@code POST /auth/password/register} does and returns the new user id.
   *
   * @throws IllegalArgumentException when the username is taken (the server's 400)
   */
  public static long register(SimStore store, String username, String password) {
    if (username == null || username.isEmpty() || password == null) {
      throw new IllegalArgumentException("username and password are required");
    }
    return store.write(
        data -> {
          if (findByName(data, username).isPresent()) {
            throw new IllegalArgumentException("Username already taken");
          }
          long id = data.nextUserId++;
          data.users.put(id, new SimData.User(id, username, password));
          return id;
        });
  }

  /**
   * Gives an existing user a new password, as an administrator resetting it would; tokens issued
   * before stay valid until they expire, as on the real server.
   *
   * @throws IllegalArgumentException when there is no such user
   */
  public static void changePassword(SimStore store, String username, String password) {
    if (password == null) {
      throw new IllegalArgumentException("password is required");
    }
    store.write(
        data -> {
          SimData.User user =
              findByName(data, username)
                  .orElseThrow(() -> new IllegalArgumentException("no user " + username));
          data.users.put(user.id(), new SimData.User(user.id(), user.username(), password));
          return null;
        });
  }

  /** The user whose name and password both match, as the password login checks them. */
  public static Optional<SimData.User> authenticate(
      SimStore store, String username, String password) {
    return store.read(
        data ->
            findByName(data, username)
                .filter(user -> sameSecret(user.password(), password == null ? "" : password)));
  }

  private static Optional<SimData.User> findByName(SimData data, String username) {
    return data.users.values().stream().filter(u -> u.username().equals(username)).findFirst();
  }

  /** Constant-time comparison, so a login's timing says nothing about the stored password. */
  private static boolean sameSecret(String stored, String given) {
    return MessageDigest.isEqual(
        stored.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
  }
}

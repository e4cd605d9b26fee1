package dev.ballast.api.http.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** Password hashes: bcrypt with a configurable cost ({@code ballast.auth.bcrypt-cost}, 12 by default). */
public final class Passwords {
  private final int cost;
  // compared against when the user does not exist, so a wrong name costs as long as a wrong password
  private final String decoy;

  public Passwords(int cost) {
    if (cost < 4 || cost > 31) {
      throw new IllegalArgumentException("bcrypt-cost must be between 4 and 31, got " + cost);
    }
    this.cost = cost;
    this.decoy = hash("not a password of anyone");
  }

  public String hash(String password) {
    return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
  }

  public boolean matches(String password, String hash) {
    return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8)).verified;
  }

  /** Spends the time of one check against nothing. */
  public void burn(String password) {
    matches(password, decoy);
  }
}

package dev.ballast.api.http.auth;

import java.util.Locale;

/** What a user may do: admin everything, trader read and trade, viewer read only. */
public enum Role {
  ADMIN, TRADER, VIEWER;

  /** Reads a role by name in any case ({@code admin}, {@code TRADER}); an unknown name is an IllegalArgumentException naming the choices. */
  public static Role parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("expected admin, trader or viewer, got \"" + text + "\"");
    }
  }
}
